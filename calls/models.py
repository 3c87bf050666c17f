from django.utils.translation import gettext_lazy as _

from portal.models import IntroBodyPage, SectionPageMixin


class CallIndexPage(SectionPageMixin, IntroBodyPage):
    """Funding calls for residents' and local organisations' initiatives."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("funding calls page")
