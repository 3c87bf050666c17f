"""
SQLite FTS5: query words also matched by their Snowball stem as a prefix; ranked and counted
with one MATCH per query.

modelsearch's SQLite backend ranks each match with a correlated subquery that runs the FTS5
MATCH again for every matching row, and SQLite plans its counts from the index table, probing
FTS5 row by row with the MATCH evaluated each time: with 15 000 indexed objects a common word
took over ten seconds (docs/search.md, benchmark). Here ranking joins each matching object to
its index entry and FTS5 row, so bm25() is computed where the MATCH runs, and counts and facets
take the MATCH on the FTS5 table alone, in a subquery SQLite evaluates once. Matches and order
are the same; match-all and negated queries keep modelsearch's own code.
"""

import operator
from collections import OrderedDict
from functools import reduce

from django.db.models import Count, F, FloatField, Func, IntegerField
from django.db.models.functions import Cast
from modelsearch.backends.database.sqlite.query import (
    Lexeme,
    MatchExpression,
    SearchQueryExpression,
    normalize,
)
from modelsearch.backends.database.sqlite.sqlite import (
    IndexEntry,
    SQLiteFTSIndexEntry,
    SQLiteSearchBackend,
    SQLiteSearchQueryCompiler,
    SQLiteSearchResults,
)
from modelsearch.query import And, Or, Phrase, PlainText
from modelsearch.utils import get_descendants_content_types_pks

from ..text import stem_prefixes

# From an indexed model to its FTS5 row: the generic relation modelsearch adds to every indexed
# model, then the FTS5 table's one-to-one link to the index entry.
FTS_ROW = "index_entries__sqliteftsindexentry"
INTEGER_KEYS = {"AutoField", "BigAutoField", "IntegerField", "BigIntegerField", "SmallAutoField"}
# bm25() weights of the FTS5 table's columns (autocomplete, body, title): a word in the title
# counts ten times a word in the body. modelsearch ranks with the unweighted bm25() of the whole
# row, so a page titled with the word could rank below pages that merely mention it.
COLUMN_WEIGHTS = (1.0, 1.0, 10.0)


class WeightedBM25(Func):
    output_field = FloatField()

    def as_sql(self, compiler, connection, function=None, template=None):
        weights = ", ".join(str(float(weight)) for weight in COLUMN_WEIGHTS)
        return f"bm25({SQLiteFTSIndexEntry._meta.db_table}, {weights})", []


def _fts_string(text):
    return '"' + text.replace('"', '""') + '"'


class StemPrefixLexeme(Lexeme):
    """One query word: the word itself, or any word that starts with its stem."""

    def __init__(self, word, prefixes):
        self.prefixes = prefixes
        super().__init__(word)

    def as_sql(self, compiler, connection):
        alternatives = [_fts_string(self.value)]
        alternatives += [_fts_string(prefix) + "*" for prefix in self.prefixes]
        return "%s", ["(" + " OR ".join(alternatives) + ")"]


class StemmingSQLiteQueryCompiler(SQLiteSearchQueryCompiler):
    def build_search_query_content(self, query, config=None):
        # `config` is the query's language code here (see StemmingSQLiteSearchBackend).
        if not isinstance(query, PlainText) or not config:
            return super().build_search_query_content(query, config=config)
        words = query.query_string.split()
        if not words:
            return None
        lexemes = [StemPrefixLexeme(word, stem_prefixes(word, config)) for word in words]
        combine = operator.and_ if query.operator.upper() == "AND" else operator.or_
        return SearchQueryExpression(reduce(combine, lexemes), config=config)

    def _match(self, config):
        query = normalize(self.query)
        if not isinstance(query, PlainText | Phrase | And | Or):
            return None  # match-all and negated queries: modelsearch's own way
        # FTS5 has title and body columns; every other search field is indexed in body.
        columns = sorted({"title" if name == "title" else "body" for name in self.fields or []})
        return MatchExpression(
            columns or self.FTS_TABLE_FIELDS, self.build_search_query(query, config=config)
        )

    def _join(self, **conditions):
        pk = self.queryset.model._meta.pk
        if pk.get_internal_type() in INTEGER_KEYS:
            # The generic relation joins on CAST(pk AS text), which no index serves; the same
            # condition the other way round lets SQLite find each match's row by primary key.
            conditions["pk"] = Cast(F("index_entries__object_id"), output_field=IntegerField())
        return self.queryset.filter(**conditions)

    def matching(self, config):
        """The matching rows, unranked: MATCH runs once, on the FTS5 table alone (counts)."""
        match = self._match(config)
        if match is None:
            return None
        rowids = SQLiteFTSIndexEntry.objects.filter(match).values("index_entry_id")
        entries = IndexEntry.objects.filter(
            id__in=rowids,
            content_type_id__in=get_descendants_content_types_pks(self.queryset.model),
        )
        pk = self.queryset.model._meta.pk
        if pk.get_internal_type() in INTEGER_KEYS:
            entries = entries.annotate(_pk=Cast("object_id", output_field=IntegerField()))
            return self.queryset.filter(pk__in=entries.values("_pk"))
        return self.queryset.filter(pk__in=entries.values("object_id"))

    def search(self, config, start, stop, score_field=None):
        match = self._match(config)
        if match is None:
            return super().search(config, start, stop, score_field=score_field)
        # Ranked: each match's FTS5 row is joined, so bm25() is computed where MATCH runs.
        queryset = self._join(**{f"{FTS_ROW}__isnull": False}).filter(match)
        if self.order_by_relevance and score_field is None:
            score_field = "_score"
        if score_field is not None:
            queryset = queryset.annotate(**{score_field: WeightedBM25()})
            if self.order_by_relevance:
                queryset = queryset.order_by(score_field, "-pk")  # bm25(): lower is better
        if not self.order_by_relevance and not queryset.query.order_by:
            queryset = queryset.order_by("-pk")
        return queryset[start:stop]


class StemmingSQLiteSearchResults(SQLiteSearchResults):
    def _matching(self):
        compiler = self.query_compiler
        if not isinstance(compiler, StemmingSQLiteQueryCompiler):  # autocomplete
            return None
        return compiler.matching(compiler.get_config(self.backend))

    def _do_count(self):
        matching = self._matching()
        return super()._do_count() if matching is None else matching.count()

    def facet(self, field_name):
        matching = self._matching()
        if matching is None or self.query_compiler._get_filterable_field(field_name) is None:
            return super().facet(field_name)
        counts = matching.values(field_name).annotate(count=Count("pk")).order_by("-count")
        return OrderedDict((row[field_name], row["count"]) for row in counts)


class StemmingSQLiteSearchBackend(SQLiteSearchBackend):
    """Params: LANGUAGE, the language of the queries (none: whole words only, as before)."""

    query_compiler_class = StemmingSQLiteQueryCompiler
    results_class = StemmingSQLiteSearchResults
    lower_score_is_better = True  # bm25()
    counts_in_window = False  # bm25() is not allowed under COUNT(*) OVER ()

    def __init__(self, params):
        super().__init__(params)
        self.config = params.get("LANGUAGE")
