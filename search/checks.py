"""System checks: PostgreSQL must know the text search configuration of every language."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.db import connections


@register(Tags.database)
def text_search_configurations_exist(app_configs=None, databases=None, **kwargs):
    from .backends import DEFAULT_LANGUAGE_CONFIGS

    errors = []
    params = getattr(settings, "WAGTAILSEARCH_BACKENDS", {}).get("default", {})
    wanted = set((params.get("LANGUAGE_CONFIGS") or DEFAULT_LANGUAGE_CONFIGS).values())
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor != "postgresql":
            continue
        with connection.cursor() as cursor:
            cursor.execute("SELECT cfgname FROM pg_ts_config")
            present = {row[0] for row in cursor.fetchall()}
        for name in sorted(wanted - present):
            errors.append(
                Error(
                    f"PostgreSQL has no text search configuration {name!r}.",
                    hint="PostgreSQL 15 or newer has 'lithuanian'; or change "
                    "WAGTAILSEARCH_BACKENDS['default']['LANGUAGE_CONFIGS'].",
                    id="search.E001",
                )
            )
    return errors
