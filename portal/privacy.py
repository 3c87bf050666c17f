"""
Personal data: which field of which model holds it, and how one person's is found, exported
and erased (`manage.py export_personal_data EMAIL`, `manage.py erase_personal_data EMAIL`).

Every text-holding field of the portal's own models is classified here, in one registry that
each app fills from a `privacy.py` module of its own (found automatically, as Wagtail finds
`wagtail_hooks.py`):

- personal: exported, and erased (cleared, or the whole record deleted);
- kept: exported with the person's data, but kept after erasure, as the public record the
  resident agreed to (an idea's own words);
- not personal: neither.

tests/test_privacy_registry.py walks every model field that can hold text and fails on one
that is not classified, so a new field, or a new model, has to say which it is.

A model with personal data registers how to find a person's records by e-mail address:

    from portal import privacy

    privacy.register(
        Message,
        key="outgoing_messages",
        personal=["recipient", "subject", "body"],
        not_personal=["status"],
        find=lambda email: Message.objects.filter(recipient__iexact=email),
        erase="delete",
    )

A model without personal data only classifies its fields:
`privacy.register(Theme, not_personal=["title"])`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import models, transaction
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules

PERSONAL = "personal"
KEPT = "kept"
NOT_PERSONAL = "not personal"


@dataclass(frozen=True)
class Source:
    model: type[models.Model]
    key: str
    personal: tuple[str, ...]
    kept: tuple[str, ...]
    not_personal: tuple[str, ...]
    find: Callable[[str], Iterable[models.Model]] | None
    erase: str  # "clear" the personal fields, or "delete" the record
    describe: Callable[[models.Model], dict] | None = None
    before_clear: Callable[[models.Model], None] | None = None
    extra: dict = field(default_factory=dict)

    def classification(self, name: str) -> str | None:
        for kind, names in (
            (PERSONAL, self.personal),
            (KEPT, self.kept),
            (NOT_PERSONAL, self.not_personal),
        ):
            if name in names:
                return kind
        return None


_sources: dict[type[models.Model], Source] = {}
_discovered = False


def register(
    model,
    *,
    key: str = "",
    personal: Iterable[str] = (),
    kept: Iterable[str] = (),
    not_personal: Iterable[str] = (),
    find: Callable[[str], Iterable[models.Model]] | None = None,
    erase: str = "clear",
    describe: Callable[[models.Model], dict] | None = None,
    before_clear: Callable[[models.Model], None] | None = None,
) -> None:
    """Classify a model's fields; with `find`, also export and erase its records of a person.
    `describe` adds context to each exported record (say, the form's title); `before_clear`
    runs before the personal fields are cleared (say, to delete a stored file)."""
    if erase not in ("clear", "delete"):
        raise ValueError("erase must be 'clear' or 'delete'.")
    if find is not None and not key:
        raise ValueError("A model whose records are exported needs a key for the export.")
    _sources[model] = Source(
        model=model,
        key=key,
        personal=tuple(personal),
        kept=tuple(kept),
        not_personal=tuple(not_personal),
        find=find,
        erase=erase,
        describe=describe,
        before_clear=before_clear,
    )


def discover() -> None:
    global _discovered
    if not _discovered:
        _discovered = True
        _register_core()
        autodiscover_modules("privacy")


def sources() -> list[Source]:
    discover()
    return list(_sources.values())


def source_for(model) -> Source | None:
    discover()
    return _sources.get(model)


def _value(instance, name):
    value = getattr(instance, name)
    if isinstance(value, models.fields.files.FieldFile):
        return value.name or None
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _export(source: Source, instance) -> dict:
    record = {"id": instance.pk}
    for name in (*source.personal, *source.kept):
        record[name] = _value(instance, name)
    if source.describe is not None:
        record.update(source.describe(instance))
    return record


def _clear(source: Source, instance) -> None:
    if source.before_clear is not None:
        source.before_clear(instance)
    for name in source.personal:
        model_field = instance._meta.get_field(name)
        if isinstance(model_field, models.FileField):
            file = getattr(instance, name)
            if file:
                file.delete(save=False)
            setattr(instance, name, "")
        elif model_field.has_default():
            setattr(instance, name, model_field.get_default())
        elif model_field.null:
            setattr(instance, name, None)
        else:
            setattr(instance, name, "")
    instance.save()


def export_for(email: str) -> dict:
    """Everything stored about the person with this e-mail address, by registered source."""
    email = email.strip()
    data = {"email": email, "exported_at": timezone.now().isoformat()}
    for source in sources():
        if source.find is not None:
            data[source.key] = [_export(source, instance) for instance in source.find(email)]
    return data


@transaction.atomic
def erase_for(email: str) -> dict[str, tuple[str, int]]:
    """Erase the person's personal data: {key: ("cleared" or "deleted", how many records)}."""
    email = email.strip()
    result = {}
    for source in sources():
        if source.find is None:
            continue
        found = list(source.find(email))
        for instance in found:
            if source.erase == "delete":
                if source.before_clear is not None:
                    source.before_clear(instance)
                instance.delete()
            else:
                _clear(source, instance)
        result[source.key] = ("deleted" if source.erase == "delete" else "cleared", len(found))
    return result


# The core's own models.
def _register_core() -> None:
    from .models import Change, ChangeReader, SiteSettings

    register(
        SiteSettings,
        # The VVG's own public contact details, not a person's.
        not_personal=[
            "address_lt",
            "address_en",
            "email",
            "phone",
            "facebook_url",
            "instagram_url",
            "youtube_url",
        ],
    )
    # The ledger of visible changes names objects, never people.
    register(Change, not_personal=["kind", "object_id"])
    # Where each reader of the ledger has got to: names of parts of the portal.
    register(ChangeReader, not_personal=["name"])
