from django.apps import AppConfig


class SearchBenchConfig(AppConfig):
    """Installed only by bench/searchbench/settings.py: the search benchmark's ideas."""

    name = "bench.searchbench"
    label = "searchbench"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from operator import attrgetter

        from portal.registry import SearchSource, search_contributors

        from .models import BenchIdea

        # Registered exactly as a plugin would register its published ideas.
        search_contributors.register(
            "bench-ideas",
            SearchSource(
                key="idea",
                label="Idėja",
                queryset=lambda locale: BenchIdea.objects.filter(locale=locale, published=True),
                url=lambda idea, context: f"{context.section_url('ideas')}#idea-{idea.pk}",
                title=attrgetter("title"),
                date=attrgetter("created_at"),
            ),
        )
