"""What the strategy plugin adds to site search: its page types' names and the legal register."""

from django.utils.translation import gettext_lazy as _

from portal.registry import SearchPageType, SearchSource

from .models import LegalDocument


def legal_document_url(document, context):
    # The register page, at the group the act is listed in, in the visitor's language.
    return f"{context.section_url('documents')}#group-{document.kind}"


CONTRIBUTION = [
    SearchPageType(
        key="strategy",
        label=_("Strategy"),
        models=("strategy.StrategyPage", "strategy.DocumentsPage"),
    ),
    SearchSource(
        key="legal-act",
        label=_("Legal act or document"),
        plural_label=_("Legal acts and documents"),
        queryset=lambda locale: LegalDocument.objects.filter(locale=locale),
        url=legal_document_url,
        title=lambda document: document.title,
        date=lambda document: document.adopted_on,
        text=lambda document: document.summary,
    ),
]
