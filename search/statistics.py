"""
Search statistics for editors, without personal data.

Wagtail's search promotions app keeps, per query text, a count of searches per day
(`Query`, `QueryDailyHits`): no address, account, session, cookie or time of day. What is left
that could be personal is the query text itself, so a query is counted only when it cannot
carry an e-mail address, a phone number, a personal code (asmens kodas), a date of birth or an
account number: nothing with "@", nothing with six digits or more in a row (spaces, dashes and
dots between them count as in a row; a span of years such as "2021-2027" does not), and nothing
long. Daily counts older than
WAGTAILSEARCH_HITS_MAX_AGE days are deleted by `manage.py searchpromotions_garbage_collect`
(run it daily), which also drops queries with no hits left and no promotion.

Editors read the counts under Reports → Search terms, and pin results to a query under
Settings → Promoted search results.
"""

from __future__ import annotations

import re

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from wagtail.contrib.search_promotions.models import Query, QueryDailyHits

from .text import CleanQuery

MAX_RECORDED_LENGTH = 80
YEAR_SPAN = re.compile(r"\b(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d\b")
DIGIT_RUN = re.compile(r"\d(?:[\s\-./]?\d)+")
MAX_DIGITS_IN_A_ROW = 5


def is_recordable(query: CleanQuery) -> bool:
    """Could this query be counted without keeping anything personal?"""
    if not query or len(query.text) > MAX_RECORDED_LENGTH:
        return False
    if "@" in query.text:
        return False
    text = YEAR_SPAN.sub(" ", query.text)
    return all(
        sum(char.isdigit() for char in run) <= MAX_DIGITS_IN_A_ROW
        for run in DIGIT_RUN.findall(text)
    )


def record_search(query: CleanQuery) -> bool:
    """Count one search for this query today. Usually one UPDATE; False if not counted."""
    if not is_recordable(query):
        return False
    today = timezone.localdate()
    hits = QueryDailyHits.objects.filter(query__query_string=query.key, date=today)
    if hits.update(hits=F("hits") + 1):
        return True
    try:
        with transaction.atomic():
            Query.get(query.key).add_hit(today)
    except IntegrityError:  # another request counted the first search at the same moment
        hits.update(hits=F("hits") + 1)
    return True
