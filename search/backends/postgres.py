"""PostgreSQL full-text search with each object indexed, and each query read, in its language."""

import copy
import operator
from collections import defaultdict
from functools import reduce

from django.conf import settings
from modelsearch.backends.database.postgres.postgres import (
    PostgresIndex,
    PostgresSearchBackend,
    PostgresSearchQueryCompiler,
)
from wagtail.models import Locale

from . import DEFAULT_LANGUAGE_CONFIGS


class LocalisedPostgresIndex(PostgresIndex):
    def add_items(self, model, objs):
        objs = list(objs)
        language_of = {}
        if any(getattr(obj, "locale_id", None) for obj in objs):
            language_of = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for obj in objs:
            # An object without a locale may name its language itself (a resident's idea).
            language = getattr(obj, "search_language", None) or language_of.get(
                getattr(obj, "locale_id", None)
            )
            groups[self.backend.config_for_language(language)].append(obj)
        for config, group in groups.items():
            PostgresIndex(self.backend.with_config(config)).add_items(model, group)


class LocalisedPostgresSearchQueryCompiler(PostgresSearchQueryCompiler):
    def build_tsquery(self, query, config=None):
        if isinstance(config, tuple):
            # No language given (the admin): each configuration reads the words its own way.
            parts = [
                super(LocalisedPostgresSearchQueryCompiler, self).build_tsquery(query, one)
                for one in config
            ]
            parts = [part for part in parts if part is not None]
            return reduce(operator.or_, parts) if parts else None
        return super().build_tsquery(query, config=config)


class LocalisedPostgresSearchBackend(PostgresSearchBackend):
    """Params: LANGUAGE_CONFIGS ({language code: text search configuration}), LANGUAGE."""

    query_compiler_class = LocalisedPostgresSearchQueryCompiler
    index_class = LocalisedPostgresIndex

    def __init__(self, params):
        super().__init__(params)
        self.language_configs = dict(params.get("LANGUAGE_CONFIGS") or DEFAULT_LANGUAGE_CONFIGS)
        self.default_config = self.language_configs.get(settings.LANGUAGE_CODE, "simple")
        language = params.get("LANGUAGE")
        if language:
            self.config = self.config_for_language(language)
        else:
            self.config = tuple(dict.fromkeys(self.language_configs.values()))

    def config_for_language(self, language_code):
        return self.language_configs.get(language_code, self.default_config)

    def with_config(self, config):
        clone = copy.copy(self)
        clone.config = config
        return clone
