from django.template.response import TemplateResponse


def csrf_failure(request, reason=""):
    """A resident whose form expired or lost its cookie gets a clear page in their language."""
    return TemplateResponse(request, "403_csrf.html", {"page_title": "403"}, status=403)
