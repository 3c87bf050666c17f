"""
The search backend: Wagtail's database backend, with each language matched by its own rules.

Wagtail's database backend (django-modelsearch) takes one `SEARCH_CONFIG`: the PostgreSQL text
search configuration that both indexes every object and parses every query. A Lithuanian page
indexed with the English configuration keeps "iniciatyvų" as it is, so a search for
"iniciatyva" misses it; indexed with 'lithuanian' it is stored as the stem "iniciatyv", which
every form of the word shares. One configuration per document, and the same one at query time,
is PostgreSQL's own answer to multilingual text (its manual, "Controlling Text Search"), so on
PostgreSQL this backend (postgres.py)

- indexes each object with the configuration of its own language (`LANGUAGE_CONFIGS`, found
  from the object's `locale`, or its `search_language` attribute if it has no locale, as a
  resident's idea; other objects, such as images, use the default language's);
- parses a query with its language's configuration when a language is given
  (`backend_for_language("lt")`, what site search uses) and otherwise, as in the admin that
  searches every language at once, with every configuration ORed, so that a word matches in
  whichever language the object was indexed.

modelsearch reads the configuration in exactly two places (ObjectIndexer and the query
compiler's `get_config`), so a small subclass is enough; the index table, its GIN index and
`update_index` stay Wagtail's.

SQLite (the embedded default) has no stemmer: FTS5's unicode61 tokenizer matches whole words,
ignoring case and diacritics. For a query in a given language, sqlite.py also accepts words
that begin with each query word's Snowball stem, so "iniciatyva" finds "iniciatyvų" there too
(docs/search.md says what it still misses).
"""

from django.db import connection
from modelsearch.backends import get_search_backend

# WAGTAILSEARCH_BACKENDS["default"]["LANGUAGE_CONFIGS"] when the settings give none.
DEFAULT_LANGUAGE_CONFIGS = {"lt": "lithuanian", "en": "english"}


def backend_for_language(language_code: str):
    """The default backend, reading queries as text in this language."""
    return get_search_backend("default", LANGUAGE=language_code)


def SearchBackend(params):
    if connection.vendor == "postgresql":
        from .postgres import LocalisedPostgresSearchBackend

        return LocalisedPostgresSearchBackend(params)

    from modelsearch.backends.database import SearchBackend as database_backend

    backend = database_backend(params)
    if connection.vendor == "sqlite":
        from modelsearch.backends.database.sqlite.sqlite import SQLiteSearchBackend

        if type(backend) is SQLiteSearchBackend:  # FTS5 is available
            from .sqlite import StemmingSQLiteSearchBackend

            return StemmingSQLiteSearchBackend(params)
    return backend
