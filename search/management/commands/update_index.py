"""
Wagtail's `update_index`, which then renews the content version: search answers are kept under
it (search/query.py `cached_search`), and a rebuilt index may answer differently.
"""

from modelsearch.management.commands.rebuild_modelsearch_index import Command as RebuildCommand

from portal.cache import bump_content_version


class Command(RebuildCommand):
    def handle(self, *args, **options):
        result = super().handle(*args, **options)
        bump_content_version()
        return result
