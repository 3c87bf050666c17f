"""
Wagtail's `update_index`, which then records a change of the whole site in the ledger of
visible changes: search answers are kept under the content version (search/query.py
`cached_search`), and a rebuilt index may answer differently.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from portal import ledger


class Command(RebuildCommand):
    def handle(self, *args, **options):
        result = super().handle(*args, **options)
        ledger.record_site_change()
        return result
