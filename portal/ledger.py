"""
The ledger of visible changes: one row (portal.models.Change) for every change a visitor could
see, written by the change's own post_save / post_delete signal, so inside the transaction the
change is made in (every page save is one; a plain model save outside any transaction is
followed by its row at once).

What is recorded:
- a page: when it is first published or created live ("published"), published again or saved
  while live ("changed"), moved to another address ("moved", with every live page below it),
  unpublished ("unpublished"), taken down by its expiry ("expired", at the expiry moment), or
  deleted while live ("deleted"); `publish_scheduled` publishing a page at its go-live time is
  a publish like any other. Saving a draft, a revision, a preview or a lock records nothing:
  the page's row is saved with only draft fields then (DRAFT_FIELDS).
- any other model of the portal's own apps, and the Wagtail models whose changes visitors see
  (VISIBLE_WAGTAIL_MODELS): every save ("created" or "changed") and delete ("deleted"), unless
  the instance says otherwise through `changes_what_visitors_see()` (a resident's idea waiting
  for moderation). A row of a page's inline panel (a ParentalKey to a page) is part of that
  page: the page's own row covers it, and a row saved on its own is recorded for the page.
- a scheduled expiry as it happens: the first reader of the content version after the moment
  records it (`current_version()`), so the ledger does not wait for `publish_scheduled`, which
  still unpublishes the page later and finds the row already there.

Ids commit in order. The change feed (/api/v1/changes) and webhooks read the ledger with a
cursor on `id`: a reader that has seen id N must never later find a smaller id appear. On
PostgreSQL ids come from a sequence when the row is inserted, and two transactions may commit
in the other order (the one that took 41 still open while 42 is committed and read), so every
transaction that writes ledger rows first takes one transaction-level advisory lock
(`pg_advisory_xact_lock`, LEDGER_LOCK), held until it commits or rolls back: ledger writes are
serialised from their first row to their commit, and a row's id is always larger than every id
committed before it. The cost is that two transactions that change visible content commit one
after the other from their first visible change on (editors' publishes, moderation: seconds
apart, not thousands a second). The other way, serving only rows older than the oldest open
transaction, would need each row's transaction id stored and compared with the snapshot at
every read, and a long transaction elsewhere would hold the feed still. SQLite needs no lock:
a writing transaction holds the database's only write lock until it commits.

After a transaction that wrote rows commits, the listeners in portal.registry.change_listeners
are called (webhooks fan out from there), outside that transaction.

The content version (what every cache key carries) is the ledger's latest id and the next
scheduled moment, read from the database. A process may keep what it read for at most
PORTAL_CONTENT_VERSION_MAX_AGE seconds (default 1) and never past the next scheduled moment;
a change made in the process itself is seen at once. So a cache that was unreachable during a
change can never keep the change's old content alive: its entries carry the old version.
"""

from __future__ import annotations

import threading
import time

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ObjectDoesNotExist
from django.db import IntegrityError, transaction
from django.db.models import CharField, Count, Exists, Max, Min, OuterRef, Q, Subquery
from django.db.models.functions import Cast
from django.db.models.signals import post_delete, post_save, pre_save
from django.utils import timezone
from modelcluster.fields import ParentalKey
from wagtail.models import Page

from .cache import forget_request_version
from .models import Change

Kind = Change.Kind

# Wagtail models whose changes visitors can see, besides pages.
VISIBLE_WAGTAIL_MODELS = {
    ("wagtailcore", "pageviewrestriction"),
    ("wagtailcore", "site"),
    ("wagtailcore", "locale"),
    ("wagtailcore", "collection"),
    ("wagtailcore", "collectionviewrestriction"),
    ("wagtailimages", "image"),
    ("wagtaildocs", "document"),
    ("wagtailsearchpromotions", "searchpromotion"),
    ("wagtailredirects", "redirect"),
}
# A page saved with only these fields changed what editors see, not what visitors see: saving
# a draft (Page.save_revision), locking, Wagtail's own bookkeeping.
DRAFT_FIELDS = frozenset(
    {
        "wagtail_admin_comments",
        "latest_revision_created_at",
        "draft_title",
        "latest_revision",
        "has_unpublished_changes",
        "locked",
        "locked_by",
        "locked_at",
        "numchild",
        "live_revision",
    }
)


def _content_apps():
    return {"portal", *settings.PORTAL_PLUGINS}


# --- Writing ---------------------------------------------------------------------------


class _Pending(threading.local):
    """Objects recorded in the current transaction of this thread: {(content type, id):
    savepoints}. The inline rows a page or snippet saves with itself are covered by its own row
    (see record_for_parent). Emptied when the transaction commits; an entry left by a rolled-back
    transaction only means that one inline row saved later in the same place writes no row of
    its own, which the rolled-back parent's next save writes anyway."""

    def __init__(self):
        self.rows = {}
        self.cleanup_registered = False


_pending = _Pending()


def _clear_pending():
    _pending.rows = {}
    _pending.cleanup_registered = False
    forget_version()


# The key of the advisory lock that orders ledger writes on PostgreSQL ("ledger" in ASCII).
LEDGER_LOCK = 0x6C6564676572


def _before_writing():
    """Take the ledger's write lock for the rest of this transaction (PostgreSQL; see the
    module's docstring). Taking it again in the same transaction costs a round trip, nothing
    more; in autocommit mode the lock lasts for the one statement that follows anyway, so
    outside a transaction a row is written in its own short transaction, under the lock."""
    connection = transaction.get_connection()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", [LEDGER_LOCK])


def _after_writing():
    """Call the change listeners once the transaction commits (at once outside one). Once per
    write: the first call after a commit finds every row the transaction wrote, the others
    find nothing new, which costs a query or two."""
    forget_version()
    transaction.on_commit(_notify_listeners, robust=True)


def _notify_listeners():
    from .registry import change_listeners

    for listener in change_listeners.values():
        listener()


def _insert(**fields):
    """One row, under the ledger's lock."""
    if transaction.get_connection().in_atomic_block:
        _before_writing()
        return Change.objects.create(**fields)
    with transaction.atomic():
        _before_writing()
        return Change.objects.create(**fields)


def _row_fields(instance, kind, at=None):
    fields = {
        "at": at or timezone.now(),
        "kind": kind,
        "content_type_id": (
            instance.content_type_id
            if isinstance(instance, Page)
            else ContentType.objects.get_for_model(instance).pk
        ),
        "object_id": str(instance.pk),
    }
    if getattr(instance, "translation_key", None) is not None:
        fields["translation_key"] = instance.translation_key
        fields["locale_id"] = getattr(instance, "locale_id", None)
    return fields


def record(instance, kind, *, at=None):
    """Write one row for a change of `instance` (in the caller's transaction)."""
    fields = _row_fields(instance, kind, at)
    _insert(**fields)
    connection = transaction.get_connection()
    if connection.in_atomic_block:
        key = (fields["content_type_id"], fields["object_id"])
        _pending.rows[key] = tuple(connection.savepoint_ids)
        if not _pending.cleanup_registered:
            _pending.cleanup_registered = True
            transaction.on_commit(_clear_pending)
    _after_writing()


def record_for_parent(parent):
    """An inline row (ParentalKey) changed: a row for the object it belongs to, unless that
    object's own save, in the same transaction, has just written one."""
    if isinstance(parent, Page):
        if not parent.live:
            return
        content_type_id = parent.content_type_id
    elif _changes_what_visitors_see(parent):
        content_type_id = ContentType.objects.get_for_model(parent).pk
    else:
        return
    connection = transaction.get_connection()
    recorded = _pending.rows.get((content_type_id, str(parent.pk)))
    if (
        connection.in_atomic_block
        and recorded is not None
        and tuple(connection.savepoint_ids)[: len(recorded)] == recorded
    ):
        return
    record(parent, Kind.CHANGED)


def record_many(model, pks, kind):
    """Rows for objects changed without signals (a queryset's update())."""
    content_type_id = ContentType.objects.get_for_model(model).pk
    now = timezone.now()
    with transaction.atomic():
        _before_writing()
        Change.objects.bulk_create(
            Change(at=now, kind=kind, content_type_id=content_type_id, object_id=str(pk))
            for pk in pks
        )
    _after_writing()
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(forget_version)


def record_site_change(kind=Kind.REINDEXED):
    """A row for a change of the whole site (a rebuilt search index)."""
    _insert(at=timezone.now(), kind=kind)
    _after_writing()


def _is_visible_model(instance):
    meta = instance._meta
    return not isinstance(instance, Change) and (
        meta.app_label in _content_apps()
        or (meta.app_label, meta.model_name) in VISIBLE_WAGTAIL_MODELS
    )


def _parental_parent(instance):
    """The object an inline row belongs to (its ParentalKey's target), or None."""
    for field in instance._meta.fields:
        if isinstance(field, ParentalKey):
            return getattr(instance, field.name, None)
    return None


def page_pre_save(sender, instance, update_fields=None, **kwargs):
    if update_fields is not None and set(update_fields) <= DRAFT_FIELDS:
        instance._ledger_before = None
        return
    before = None
    if instance.pk:
        before = Page.objects.filter(pk=instance.pk).values("live", "url_path", "path").first()
    instance._ledger_before = before or {"live": False, "url_path": None, "path": None}


def page_post_save(sender, instance, created=False, update_fields=None, **kwargs):
    before = getattr(instance, "_ledger_before", None)
    if before is None:
        return
    instance._ledger_before = None
    was_live, live = before["live"], instance.live
    if not (was_live or live):
        return  # a draft
    if live and not was_live:
        record(instance, Kind.PUBLISHED)
    elif was_live and not live:
        if instance.expired and instance.expire_at:
            record_expiry(instance)
        else:
            record(instance, Kind.UNPUBLISHED)
    elif before["url_path"] is not None and before["url_path"] != instance.url_path:
        record(instance, Kind.MOVED)
        # Every live page below has a new address too (Wagtail rewrites their url_path next,
        # in the same transaction).
        for page in Page.objects.filter(path__startswith=instance.path, depth__gt=instance.depth):
            if page.live:
                record(page, Kind.MOVED)
    else:
        record(instance, Kind.CHANGED)


def page_post_delete(sender, instance, **kwargs):
    if instance.live:
        record(instance, Kind.DELETED)


def _changes_what_visitors_see(instance):
    says = getattr(instance, "changes_what_visitors_see", None)
    return says is None or says()


def model_post_save(sender, instance, created=False, **kwargs):
    if not _is_visible_model(instance) or not _changes_what_visitors_see(instance):
        return
    parent = _parental_parent(instance)
    if parent is not None and (isinstance(parent, Page) or _is_visible_model(parent)):
        record_for_parent(parent)
        return
    record(instance, Kind.CREATED if created else Kind.CHANGED)


def model_post_delete(sender, instance, **kwargs):
    if not _is_visible_model(instance) or not _changes_what_visitors_see(instance):
        return
    parent = _parental_parent_safely(instance)
    if parent is not None and (isinstance(parent, Page) or _is_visible_model(parent)):
        record_for_parent(parent)
        return
    record(instance, Kind.DELETED)


def _parental_parent_safely(instance):
    try:
        return _parental_parent(instance)
    except ObjectDoesNotExist:  # deleted before its inline rows
        return None


def _in_migration(instance):
    """Migrations save historical models (module "__fake__"), before the ledger may exist."""
    return type(instance).__module__ == "__fake__"


def on_pre_save(sender, instance, **kwargs):
    if isinstance(instance, Page):
        page_pre_save(sender, instance, **kwargs)


def on_post_save(sender, instance, raw=False, **kwargs):
    if raw or _in_migration(instance):
        return
    if isinstance(instance, Page):
        page_post_save(sender, instance, **kwargs)
    else:
        model_post_save(sender, instance, **kwargs)


def on_post_delete(sender, instance, **kwargs):
    if _in_migration(instance):
        return
    if isinstance(instance, Page):
        page_post_delete(sender, instance, **kwargs)
    else:
        model_post_delete(sender, instance, **kwargs)


def connect():
    pre_save.connect(on_pre_save, dispatch_uid="portal-ledger-pre-save")
    post_save.connect(on_post_save, dispatch_uid="portal-ledger-post-save")
    post_delete.connect(on_post_delete, dispatch_uid="portal-ledger-post-delete")


def record_expiry(page):
    """The row for a page's expiry, at its expiry moment; written once, by whichever comes
    first: the first reader after the moment, or `publish_scheduled`."""
    fields = _row_fields(page, Kind.EXPIRED, page.expire_at)
    if Change.objects.filter(**fields).exists():
        return
    try:
        with transaction.atomic():
            _before_writing()
            Change.objects.create(**fields)
    except IntegrityError:
        return  # another process recorded it in between
    _after_writing()


# --- Reading: the content version -------------------------------------------------------


class _Version:
    def __init__(self):
        self.lock = threading.Lock()
        self.value = None
        self.read_at = 0.0
        self.until = None
        self.sites = []


_version = _Version()


def forget_version():
    """Make the next reader in this process (this request included) read the version from
    the database."""
    with _version.lock:
        _version.value = None
    forget_request_version()


def max_age():
    return float(getattr(settings, "PORTAL_CONTENT_VERSION_MAX_AGE", 1.0))


def current_version() -> str:
    """'<latest change id>.<its time>.<next scheduled moment>' (see the module's docstring)."""
    now = timezone.now()
    with _version.lock:
        if (
            _version.value is not None
            and time.monotonic() - _version.read_at < max_age()
            and (_version.until is None or now < _version.until)
        ):
            return _version.value
    latest, until, overdue, sites = _read(now)
    if overdue:
        _record_overdue_expiries(now)
        latest, until, _, sites = _read(now)
    value = f"{latest}.{int(until.timestamp()) if until else 0}"
    with _version.lock:
        _version.value, _version.read_at, _version.until = value, time.monotonic(), until
        _version.sites = sites
    return value


def current_sites() -> list:
    """The sites, with their root pages and settings, read with the content version (in the
    same query, and as fresh): a page view needs no query of its own to know its site."""
    current_version()
    return _version.sites


def _overdue_expiries(now):
    recorded = Change.objects.filter(
        kind=Kind.EXPIRED,
        content_type_id=OuterRef("content_type_id"),
        object_id=Cast(OuterRef("pk"), output_field=CharField()),
        at=OuterRef("expire_at"),
    )
    return Q(live=True, expire_at__lte=now) & ~Q(Exists(recorded))


def _read(now):
    """One query: the sites, and with them the latest change, the next scheduled moment, and
    whether an expiry has passed that the ledger does not have yet."""
    from wagtail.models import Site

    from .navigation import SITE_RELATED

    live = Page.objects.filter(live=True)
    sites = list(
        Site.objects.select_related(*SITE_RELATED).annotate(
            latest=Subquery(Change.objects.order_by("-id").values("id")[:1]),
            latest_at=Subquery(Change.objects.order_by("-id").values("at")[:1]),
            next_expiry=_first(live.filter(expire_at__gt=now), "expire_at"),
            next_go_live=_first(live.filter(go_live_at__gt=now), "go_live_at"),
            overdue=Exists(Page.objects.filter(_overdue_expiries(now))),
        )
    )
    # With no site yet (a new database), the same facts without one.
    row = vars(sites[0]) if sites else _read_without_sites(now)
    moments = [moment for moment in (row["next_expiry"], row["next_go_live"]) if moment]
    # The latest row's time too: SQLite may give a rolled-back row's id to the next row.
    latest = (
        f"{row['latest'] or 0}.{int(row['latest_at'].timestamp() * 1e6) if row['latest_at'] else 0}"
    )
    return latest, (min(moments) if moments else None), row["overdue"], sites


def _first(queryset, field):
    return Subquery(queryset.order_by(field).values(field)[:1])


def _read_without_sites(now):
    return Page.objects.aggregate(
        latest=Max(Subquery(Change.objects.order_by("-id").values("id")[:1])),
        latest_at=Max(Subquery(Change.objects.order_by("-id").values("at")[:1])),
        next_expiry=Min("expire_at", filter=Q(live=True, expire_at__gt=now)),
        next_go_live=Min("go_live_at", filter=Q(live=True, go_live_at__gt=now)),
        overdue=Count("pk", filter=_overdue_expiries(now)),
    )


def _record_overdue_expiries(now):
    for page in Page.objects.filter(_overdue_expiries(now)):
        record_expiry(page)
