"""Backups: `manage.py backup` / `restore` (make backup / make restore) bring data back."""

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connection

from security.backups import BackupError, create_backup, read_manifest, restore_backup

pytestmark = pytest.mark.django_db

PREPARE = """
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
get_user_model().objects.create_user("atsargine", "", "x")
document = get_document_model().objects.create(
    title="Strategijos santrauka",
    file=ContentFile(b"%PDF-1.4 santrauka %%EOF", name="santrauka.pdf"),
    collection=Collection.get_first_root_node(),
)
print(document.file.name)
"""

DAMAGE = """
from django.contrib.auth import get_user_model
from wagtail.documents import get_document_model
from wagtail.models import Page
get_user_model().objects.filter(username="atsargine").delete()
get_document_model().objects.all().delete()  # Wagtail deletes the files too
Page.objects.filter(depth=2).update(title="Sugadinta")
print(get_document_model().objects.count())
"""

CHECK = """
import io
import json
from django.contrib.auth import get_user_model
from django.core.files.storage import default_storage
from wagtail.documents import get_document_model
from wagtail.models import Page
document = get_document_model().objects.get(title="Strategijos santrauka")
print(json.dumps({
    "user": get_user_model().objects.filter(username="atsargine").exists(),
    "content": default_storage.open(document.file.name).read().decode(),
    "titles": sorted(set(Page.objects.filter(depth=2).values_list("title", flat=True))),
}))
"""


class ScratchSite:
    """A throw-away copy of the demo site, run through manage.py in subprocesses."""

    def __init__(self, tmp_path, database_url):
        self.tmp_path = tmp_path
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "tests.settings_scratch_site",
            "PORTAL_TEST_DATABASE_URL": database_url,
            "PORTAL_TEST_MEDIA": str(tmp_path / "media"),
            "PORTAL_TEST_BACKUPS": str(tmp_path / "backups"),
        }
        self.env.pop("DATABASE_URL", None)

    def run(self, *args, stdin=None):
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=settings.BASE_DIR,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )

    def __call__(self, *args):
        result = self.run(*args)
        assert result.returncode == 0, result.stderr[-3000:]
        return result.stdout


def postgres_url(name):
    config = connection.settings_dict
    credentials = config["USER"] + (f":{config['PASSWORD']}" if config["PASSWORD"] else "")
    return f"postgres://{credentials}@{config['HOST']}:{config['PORT'] or 5432}/{name}"


@pytest.fixture(params=["sqlite", "postgresql"])
def scratch_site(request, tmp_path, settings):
    """
    A copy of the test database's demo site: on SQLite through SQLite's backup API; on
    PostgreSQL by restoring a backup of the test database into a new database (which also
    shows that a backup restores into an empty database).
    """
    if request.param == "sqlite":
        site = ScratchSite(tmp_path, f"sqlite:///{tmp_path / 'portal.sqlite3'}")
        if connection.vendor == "sqlite":
            connection.ensure_connection()
            target = sqlite3.connect(tmp_path / "portal.sqlite3")
            connection.connection.backup(target)
            target.close()
        else:
            site("migrate", "--no-input")
            site("load_demo_content", "--no-examples")
        yield site
        return

    if connection.vendor != "postgresql":
        pytest.skip("the PostgreSQL round trip runs in the PostgreSQL suite (make test-postgres)")
    import psycopg

    name = f"{connection.settings_dict['NAME']}_backup_roundtrip"[:63]
    admin = psycopg.connect(postgres_url("postgres"), autocommit=True)
    admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
    admin.execute(f'CREATE DATABASE "{name}"')
    try:
        settings.MEDIA_ROOT = tmp_path / "no-media"
        seed = create_backup(tmp_path / "seed")
        site = ScratchSite(tmp_path, postgres_url(name))
        site("restore", "--no-input", str(seed))
        yield site
    finally:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.close()


def shell(manage, code):
    return manage("shell", "--no-imports", "-c", code).strip().splitlines()[-1]


def test_backup_and_restore_bring_back_database_and_media(scratch_site):
    site = scratch_site
    stored_name = shell(site, PREPARE)
    titles_before = json.loads(shell(site, CHECK))["titles"]

    output = site("backup")
    archive = next((site.tmp_path / "backups").glob("portal-*.tar.gz"))
    assert str(archive) in output
    assert oct(archive.stat().st_mode & 0o777) == "0o600"
    with tarfile.open(archive) as tar:
        names = tar.getnames()
    assert "manifest.json" in names
    assert {"database.sqlite3", "database.pgdump"} & set(names)
    assert f"media/{stored_name}" in names

    assert shell(site, DAMAGE) == "0"
    assert not (site.tmp_path / "media" / stored_name).exists()

    refused = site.run("restore", stdin="no\n")
    assert refused.returncode != 0  # nothing happens without a "yes"
    assert "Restore cancelled" in refused.stderr

    output = site("restore", "--no-input")
    assert "Restored the database and 1 media files" in output
    restored = json.loads(shell(site, CHECK))
    assert restored["user"] is True
    assert restored["content"] == "%PDF-1.4 santrauka %%EOF"
    assert restored["titles"] == titles_before
    assert "Sugadinta" not in restored["titles"]


def test_archives_hold_a_manifest_the_database_and_media(settings, tmp_path):
    from django.core.files.storage import default_storage

    settings.MEDIA_ROOT = tmp_path / "media"
    default_storage.save("documents/ataskaita.pdf", ContentFile(b"%PDF-1.4"))
    archive = create_backup(tmp_path / "backups")
    manifest = read_manifest(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["media_files"] == 1
    with tarfile.open(archive) as tar:
        assert tar.extractfile("media/documents/ataskaita.pdf").read() == b"%PDF-1.4"
        assert manifest["database"] in tar.getnames()


def write_archive(path, manifest, members):
    with tarfile.open(path, "w:gz") as tar:
        for name, data in [("manifest.json", json.dumps(manifest).encode()), *members]:
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, fileobj=io.BytesIO(data))


def test_restore_refuses_another_engines_backup_and_unsafe_paths(tmp_path):
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    manifest = {
        "format": 1,
        "engine": other,
        "database": "database.x",
        "created": "",
        "media_files": 0,
    }
    write_archive(tmp_path / "other.tar.gz", manifest, [])
    with pytest.raises(BackupError, match="database; the site uses"):
        restore_backup(tmp_path / "other.tar.gz")

    manifest["engine"] = connection.vendor
    write_archive(tmp_path / "evil.tar.gz", manifest, [("media/../../etc/passwd", b"x")])
    with pytest.raises(BackupError, match="unsafe path"):
        restore_backup(tmp_path / "evil.tar.gz")

    (tmp_path / "plain.tar.gz").write_bytes(b"")
    with tarfile.open(tmp_path / "plain.tar.gz", "w:gz"):
        pass
    with pytest.raises(BackupError, match="not a portal backup"):
        read_manifest(tmp_path / "plain.tar.gz")
