from django.utils.translation import gettext_lazy as _

from portal.models import IntroBodyPage, SectionPageMixin


class StrategyPage(SectionPageMixin, IntroBodyPage):
    """The community-led local development strategy (VPS): how it was prepared, what it aims for."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("strategy page")


class DocumentsPage(SectionPageMixin, IntroBodyPage):
    """The register of legal acts and documents that govern the VVG."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "portal/section_page.html"

    class Meta:
        verbose_name = _("legal documents page")
