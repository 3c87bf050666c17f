"""
Words: cleaning what a visitor typed, and the Snowball stems that tell two forms of a word apart.

The same Snowball algorithms that PostgreSQL's 'lithuanian' and 'english' configurations use
(snowballstemmer is their Python build) decide which words of a snippet are highlighted and, on
SQLite, which word beginnings a query also accepts.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import snowballstemmer

# A query longer than this is cut; a visitor never needs more, and it bounds the work.
MAX_QUERY_LENGTH = 200
# Words beyond this many are ignored: each one is another condition for the database.
MAX_TERMS = 10
# A word of the query is cut to this many characters (the index holds no longer words).
MAX_TERM_LENGTH = 60
# A stem shorter than this would match too many unrelated words as a prefix ("akt" ...).
MIN_PREFIX_STEM = 4

WORD = re.compile(r"[^\W_]+")
SNOWBALL_LANGUAGES = {"lt": "lithuanian", "en": "english"}

_local = threading.local()


@dataclass(frozen=True)
class CleanQuery:
    text: str  # what the visitor typed, made safe to show and store (not yet escaped)
    terms: tuple[str, ...]  # the words searched for, lower case

    @property
    def key(self) -> str:
        """The query as statistics and editors' promotions know it."""
        return " ".join(self.terms)

    def __bool__(self) -> bool:
        return bool(self.terms)


def clean_query(raw) -> CleanQuery:
    """Any input, however odd (NUL bytes, markup, 10 000 characters), becomes a safe query."""
    if not isinstance(raw, str):
        raw = ""
    raw = raw[: MAX_QUERY_LENGTH * 4]
    # Control characters (NUL and the like) cannot be stored and mean nothing to a search.
    text = "".join(" " if unicodedata.category(char)[0] in "CZ" else char for char in raw)
    text = " ".join(text.split())[:MAX_QUERY_LENGTH].strip()
    terms = []
    for word in WORD.findall(text):
        word = word.lower()[:MAX_TERM_LENGTH]
        if word not in terms:
            terms.append(word)
    return CleanQuery(text=text, terms=tuple(terms[:MAX_TERMS]))


def fold(word: str) -> str:
    """Lower case without diacritics: "Iniciatyvų" -> "iniciatyvu"."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _stemmer(language: str):
    algorithm = SNOWBALL_LANGUAGES.get(language)
    if algorithm is None:
        return None
    # Snowball stemmers keep state while they work: one per thread.
    stemmers = getattr(_local, "stemmers", None)
    if stemmers is None:
        stemmers = _local.stemmers = {}
    if algorithm not in stemmers:
        stemmers[algorithm] = snowballstemmer.stemmer(algorithm)
    return stemmers[algorithm]


@lru_cache(maxsize=100_000)
def stems(word: str, language: str) -> frozenset[str]:
    """The word's folded stems, with and without its diacritics ("iniciatyvų" -> {"iniciatyv"})."""
    lower = word.lower()
    stemmer = _stemmer(language)
    if stemmer is None:
        return frozenset({fold(lower)})
    return frozenset({fold(stemmer.stemWord(lower)), stemmer.stemWord(fold(lower))})


def stem_prefixes(word: str, language: str) -> list[str]:
    """Beginnings that other forms of the word share, long enough to be safe as prefixes."""
    return sorted(stem for stem in stems(word, language) if len(stem) >= MIN_PREFIX_STEM)
