from django.utils.translation import gettext_lazy as _

from portal.models import IntroBodyPage, SectionPageMixin


class InitiativeIndexPage(SectionPageMixin, IntroBodyPage):
    """Residents' initiatives funded by the VVG and how each one progresses."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("initiatives page")
