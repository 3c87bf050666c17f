"""
Spreadsheet cells that stay text: every CSV the portal writes goes through `safe_cell`.

A spreadsheet program that opens a CSV runs any cell that begins with `=`, `+`, `-` or `@` as a
formula (`=HYPERLINK(...)` sends data elsewhere, `@SUM(1)+cmd|...` once ran programs), and a
leading tab or carriage return hides such a start. As OWASP recommends for CSV injection, such
a text cell is prefixed with an apostrophe, which spreadsheets read as "this is text". Numbers,
dates and other values that are not text are left alone (a negative number stays a number).

Wagtail's own CSV exports (snippet lists such as the ideas, form submissions, reports) write
through `SpreadsheetExportMixin`; `install()` makes that mixin use `safe_cell` for every value
and heading, so a new export is covered without doing anything. Its XLSX export needs nothing:
it stores text cells as strings, never as formulas.
"""

from __future__ import annotations

import csv

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value):
    """The value, with text that a spreadsheet would run as a formula turned into plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def install() -> None:
    """Make Wagtail's CSV exports write safe cells (called once from SecurityConfig.ready)."""
    from wagtail.admin.views.mixins import Echo, SpreadsheetExportMixin

    if getattr(SpreadsheetExportMixin, "portal_safe_cells", False):
        return
    preprocess = SpreadsheetExportMixin.preprocess_field_value

    def preprocess_field_value(self, field, value, export_format):
        value = preprocess(self, field, value, export_format)
        return safe_cell(value) if export_format == self.FORMAT_CSV else value

    def stream_csv(self, queryset):
        # Wagtail's own, with the heading row made safe too (form builder labels are editors').
        writer = csv.DictWriter(Echo(), fieldnames=self.list_export)
        yield writer.writerow(
            {field: safe_cell(self.get_heading(queryset, field)) for field in self.list_export}
        )
        for item in queryset:
            yield self.write_csv_row(writer, self.to_row_dict(item))

    SpreadsheetExportMixin.preprocess_field_value = preprocess_field_value
    SpreadsheetExportMixin.stream_csv = stream_csv
    SpreadsheetExportMixin.portal_safe_cells = True
