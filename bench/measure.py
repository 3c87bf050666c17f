"""
Runs inside the benchmark's Django environment (bench.settings): picks one URL per page type
and language and the API's list endpoints, and counts the SQL queries each needs with the page
cache off and the navigation cache warm. Prints JSON: [{"url", "kind", "queries"}].
"""

import json
import os

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
django.setup()

from django.conf import settings  # noqa: E402 - after django.setup(), as a script must
from django.db import connection  # noqa: E402 - after django.setup()
from django.test import Client  # noqa: E402 - after django.setup()
from django.test.utils import CaptureQueriesContext  # noqa: E402 - after django.setup()
from wagtail.models import Page  # noqa: E402 - after django.setup()


def page_urls():
    seen = set()
    urls = []
    for page in Page.objects.live().public().filter(depth__gt=1).order_by("path").specific():
        key = (type(page).__name__, page.locale.language_code)
        if key in seen:
            continue
        seen.add(key)
        urls.append({"url": page.url, "kind": f"{key[0]} ({key[1]})"})
    from engagement.models import Idea

    idea = Idea.objects.public().filter(language="lt").order_by("-published_at").first()
    if idea is not None:
        urls.append({"url": f"/idejos/{idea.pk}/", "kind": "a resident's idea (lt)"})
    urls.append({"url": "/search/?q=bendruomen%C4%97", "kind": "search (lt)"})
    return urls


def api_urls(client):
    schema = client.get("/api/v1/openapi.json").json()
    urls = []
    for path, operations in sorted(schema["paths"].items()):
        if "get" in operations and "{" not in path and not path.endswith("openapi.json"):
            urls.append({"url": f"{path}?locale=en", "kind": f"API {path}"})
    return urls


def main():
    settings.PORTAL_PAGE_CACHE = False
    client = Client(HTTP_HOST="127.0.0.1")
    results = []
    for item in [*page_urls(), *api_urls(client)]:
        client.get(item["url"])  # warm the navigation and Wagtail's site root paths
        with CaptureQueriesContext(connection) as queries:
            response = client.get(item["url"])
        if response.status_code != 200:
            continue
        results.append({**item, "queries": len(queries)})
    print(json.dumps(results))


if __name__ == "__main__":
    main()
