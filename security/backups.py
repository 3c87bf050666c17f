"""
Backups of the database and the media files in one archive, and their restoration.

An archive (backups/portal-YYYYMMDD-HHMMSS.tar.gz) holds:

- manifest.json: when it was made, from which database engine, how many media files;
- the database, made with the database's own tools: SQLite's online backup API (a consistent
  copy even while the site writes) as database.sqlite3, or pg_dump's custom format as
  database.pgdump (restored with pg_restore);
- media/: every file of the default storage (images, renditions, documents), read through
  Django's storage API, so the same commands work with local files and with object storage.

Restoring replaces the database with the archive's and writes back every media file in it;
media files added since the backup are left in place (no row refers to them).
"""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess  # nosec B404: runs pg_dump / pg_restore with fixed arguments, no shell
import tarfile
import tempfile
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.cache import caches
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connections
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA_PREFIX = "media/"
DATABASE_FILES = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}


class BackupError(Exception):
    pass


def backup_directory() -> Path:
    return Path(getattr(settings, "BACKUP_DIR", settings.BASE_DIR / "backups"))


def latest_backup(directory: Path | None = None) -> Path | None:
    archives = (directory or backup_directory()).glob("portal-*.tar.gz")
    return max(archives, key=lambda path: (path.stat().st_mtime, path.name), default=None)


def _vendor(using: str) -> str:
    vendor = connections[using].vendor
    if vendor not in DATABASE_FILES:
        raise BackupError(f"Backups support SQLite and PostgreSQL, not {vendor}.")
    return vendor


def _postgres_environment(using: str) -> dict[str, str]:
    """libpq's environment for the connection, so the password never shows in a process list."""
    config = connections[using].settings_dict
    env = dict(os.environ)
    for variable, key in (
        ("PGHOST", "HOST"),
        ("PGPORT", "PORT"),
        ("PGUSER", "USER"),
        ("PGPASSWORD", "PASSWORD"),
        ("PGDATABASE", "NAME"),
    ):
        if config.get(key):
            env[variable] = str(config[key])
    return env


def _postgres_tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"{name} is not installed (Debian: apt-get install postgresql-client).")
    return path


def _dump_database(using: str, target: Path) -> None:
    if _vendor(using) == "sqlite":
        connection = connections[using]
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)
        finally:
            destination.close()
    else:
        subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments, no shell
            [
                _postgres_tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={target}",
            ],
            env=_postgres_environment(using),
            check=True,
            capture_output=True,
        )


def _load_database(using: str, source: Path) -> None:
    connection = connections[using]
    connection.close()
    if _vendor(using) == "sqlite":
        origin = sqlite3.connect(source)
        destination = sqlite3.connect(connection.settings_dict["NAME"])
        try:
            origin.backup(destination)
        finally:
            origin.close()
            destination.close()
    else:
        subprocess.run(  # noqa: S603  # nosec B603 - fixed arguments, no shell
            [
                _postgres_tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                f"--dbname={connection.settings_dict['NAME']}",
                str(source),
            ],
            env=_postgres_environment(using),
            check=True,
            capture_output=True,
        )


def _media_files(storage, directory: str = ""):
    try:
        directories, files = storage.listdir(directory)
    except FileNotFoundError:  # no media folder yet
        return
    for name in sorted(files):
        yield f"{directory}/{name}" if directory else name
    for name in sorted(directories):
        yield from _media_files(storage, f"{directory}/{name}" if directory else name)


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    with tempfile.SpooledTemporaryFile() as buffer:
        buffer.write(data)
        buffer.seek(0)
        archive.addfile(info, buffer)


def _write_archive(path: Path, dump: Path, storage, vendor: str) -> None:
    # The archive holds personal data and password hashes: readable by its owner only.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    media_count = 0
    with os.fdopen(descriptor, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
        archive.add(dump, arcname=dump.name)
        for name in _media_files(storage):
            info = tarfile.TarInfo(MEDIA_PREFIX + name)
            info.size = storage.size(name)
            with storage.open(name, "rb") as content:
                archive.addfile(info, content)
            media_count += 1
        manifest = {
            "format": FORMAT,
            "created": timezone.now().isoformat(),
            "engine": vendor,
            "database": dump.name,
            "media_files": media_count,
        }
        _add_bytes(archive, MANIFEST, json.dumps(manifest, indent=2).encode())


def create_backup(directory: Path | None = None, *, using: str = "default", storage=None) -> Path:
    """Write an archive of the database and the media into `directory`; return its path."""
    storage = storage or default_storage
    vendor = _vendor(using)
    directory = directory or backup_directory()
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
    path = directory / f"portal-{stamp}.tar.gz"
    counter = 1
    while path.exists():
        counter += 1
        path = directory / f"portal-{stamp}-{counter}.tar.gz"

    try:
        with tempfile.TemporaryDirectory() as work:
            dump = Path(work) / DATABASE_FILES[vendor]
            _dump_database(using, dump)
            _write_archive(path, dump, storage, vendor)
    except BaseException:
        path.unlink(missing_ok=True)  # never leave a partial archive that looks like a backup
        raise
    return path


def read_manifest(path: Path) -> dict:
    with tarfile.open(path, "r:gz") as archive:
        try:
            member = archive.getmember(MANIFEST)
        except KeyError as error:
            raise BackupError(f"{path} is not a portal backup (no {MANIFEST}).") from error
        return json.load(archive.extractfile(member))


def _safe_media_name(member: tarfile.TarInfo) -> str | None:
    """The storage name of a media member, or None for anything that is not a plain file."""
    if not member.isfile() or not member.name.startswith(MEDIA_PREFIX):
        return None
    name = PurePosixPath(member.name[len(MEDIA_PREFIX) :])
    if name.is_absolute() or ".." in name.parts or not name.parts:
        raise BackupError(f"Refusing the unsafe path {member.name!r} in the archive.")
    return str(name)


def restore_backup(path: Path, *, using: str = "default", storage=None) -> dict:
    """Replace the database and write back the media files from the archive at `path`."""
    storage = storage or default_storage
    manifest = read_manifest(path)
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    vendor = _vendor(using)
    if manifest["engine"] != vendor:
        raise BackupError(
            f"This backup is of a {manifest['engine']} database; the site uses {vendor}."
        )
    with tempfile.TemporaryDirectory() as work, tarfile.open(path, "r:gz") as archive:
        # Every path is checked before anything is replaced.
        media = [(member, name) for member in archive if (name := _safe_media_name(member))]
        dump = Path(work) / DATABASE_FILES[vendor]
        with archive.extractfile(manifest["database"]) as source, open(dump, "wb") as target:
            shutil.copyfileobj(source, target)
        _load_database(using, dump)
        for member, name in media:
            if storage.exists(name):
                storage.delete(name)
            with archive.extractfile(member) as content:
                saved = storage.save(name, File(content, name=PurePosixPath(name).name))
            if saved != name:
                raise BackupError(f"The storage saved {name!r} as {saved!r}.")
    # Cached navigation and pages describe the database as it was before.
    for alias in settings.CACHES:
        caches[alias].clear()
    return {**manifest, "media_restored": len(media)}
