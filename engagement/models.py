from django.utils.translation import gettext_lazy as _

from portal.models import IntroBodyPage, SectionPageMixin


class IdeaPage(SectionPageMixin, IntroBodyPage):
    """Where residents share their ideas and opinions, without an account."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("ideas page")
