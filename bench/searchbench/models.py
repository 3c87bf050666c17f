from django.db import models
from wagtail.search import index


class BenchIdea(index.Indexed, models.Model):
    """A resident's idea, as the engagement plugin keeps them: a title, a text, a language."""

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.PROTECT, related_name="+")
    title = models.CharField(max_length=200)
    text = models.TextField()
    published = models.BooleanField(default=True)
    created_at = models.DateTimeField()

    search_fields = [
        index.SearchField("title", boost=2),
        index.SearchField("text"),
        index.FilterField("locale"),
        index.FilterField("published"),
    ]

    def __str__(self):
        return self.title
