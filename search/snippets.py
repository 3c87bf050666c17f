"""
Snippets: a short passage of a result's text with the searched words marked.

The text is escaped first and only then are `<mark>` elements put around the matched words, so
nothing in the text, or in the query, can become markup. A word is marked when it shares a
Snowball stem with a query word, which is how PostgreSQL found it ("iniciatyvų" for
"iniciatyva").
"""

from __future__ import annotations

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .text import WORD, stems

SNIPPET_WORDS = 32  # words in a snippet
LEAD_WORDS = 8  # words shown before the first match


class Highlighter:
    def __init__(self, terms, language):
        self.language = language
        self.keys = set()
        for term in terms:
            self.keys |= stems(term, language)

    def matches(self, word: str) -> bool:
        return bool(self.keys) and not self.keys.isdisjoint(stems(word, self.language))

    def passage(self, text: str, limit: int = SNIPPET_WORDS) -> tuple[str, SafeString]:
        """(plain passage, the same passage as HTML with matches marked), around the first match."""
        text = " ".join((text or "").split())
        words = list(WORD.finditer(text))
        if not words:
            return text[:200], mark_safe(escape(text[:200]))  # noqa: S308  # nosec B308 B703 - escaped
        first = next((i for i, word in enumerate(words) if self.matches(word.group())), 0)
        start = max(0, first - LEAD_WORDS) if first > LEAD_WORDS else 0
        end = min(len(words), start + limit)
        begin_at = words[start].start()
        end_at = words[end - 1].end() if end < len(words) else len(text)
        prefix = "… " if start > 0 else ""
        suffix = " …" if end < len(words) else ""
        plain = prefix + text[begin_at:end_at] + suffix
        html = prefix + self._mark(text, words[start:end], begin_at, end_at) + suffix
        # Safe: _mark() escapes every piece of text and adds only <mark> elements.
        return plain, mark_safe(html)  # noqa: S308  # nosec B308 B703 - escaped (above)

    def mark(self, text: str) -> SafeString:
        """The whole text, escaped, with matches marked (for titles)."""
        text = text or ""
        marked = self._mark(text, list(WORD.finditer(text)), 0, len(text))
        return mark_safe(marked)  # noqa: S308  # nosec B308 B703 - escaped by _mark()

    def _mark(self, text, words, begin_at, end_at) -> str:
        pieces = []
        position = begin_at
        for word in words:
            if not self.matches(word.group()):
                continue
            pieces.append(escape(text[position : word.start()]))
            pieces.append(f"<mark>{escape(word.group())}</mark>")
            position = word.end()
        pieces.append(escape(text[position:end_at]))
        return "".join(pieces)
