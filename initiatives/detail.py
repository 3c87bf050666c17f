"""
What an initiative page shows beyond its own fields, fetched once for the page and the API:
its call, measures, timeline of updates with their photos, gallery, documents, indicator
contributions and the residents' ideas it grew out of.

Each related list costs one query, and all photos (the gallery's and the updates') come in
one query with their renditions, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils import translation
from wagtail.images import get_image_model

from portal.cache import remember

from .ideas import idea_chains
from .progress import latest_reported


@dataclass
class TimelineEntry:
    update: object
    photos: list = field(default_factory=list)  # [(image, alt text)]

    @property
    def date(self):
        return self.update.date

    @property
    def text(self):
        return self.update.text

    @property
    def progress(self):
        return self.update.progress


def images_by_id(ids) -> dict:
    """The images with their renditions: one query once their renditions exist.

    The renditions are fetched with their images joined; only images that have no rendition
    yet (a photo never shown before) cost a second query.
    """
    ids = {i for i in ids if i}
    if not ids:
        return {}
    Image = get_image_model()
    images: dict = {}
    for rendition in (
        Image.get_rendition_model().objects.filter(image_id__in=ids).select_related("image")
    ):
        image = images.setdefault(rendition.image_id, rendition.image)
        if not hasattr(image, "prefetched_renditions"):
            image.prefetched_renditions = []
        rendition.image = image
        image.prefetched_renditions.append(rendition)
    missing = ids - images.keys()
    if missing:
        for image in Image.objects.filter(pk__in=missing):
            image.prefetched_renditions = []
            images[image.pk] = image
    return images


def photo_alt(block_value: dict, image) -> str:
    if block_value.get("decorative"):
        return ""
    return block_value.get("alt_text") or getattr(image, "default_alt_text", "") or image.title


def initiative_detail(page, request) -> dict:
    """What an initiative page shows: its facts (cached) and its photos (one query).

    The facts change only when content is saved or published, which sets a new content
    version (portal/cache.py), so cached facts are never stale; previews are never cached.
    Images are fetched on every view, with the renditions made so far.
    """
    if getattr(request, "is_preview", False) or not page.pk:
        detail = fetch_initiative_facts(page, request)
    else:
        detail = remember(
            "initiatives:detail",
            page.pk,
            translation.get_language(),
            build=lambda: fetch_initiative_facts(page, request),
        )
    return attach_images(detail)


def fetch_initiative_facts(page, request) -> dict:
    call = page.call if page.call_id else None
    measures = [
        link.measure
        for link in page.measure_links.select_related("measure").order_by("sort_order", "pk")
    ]
    updates = list(page.progress_updates.all())
    timeline = []
    for update in sorted(
        updates, key=lambda u: (u.date, u.sort_order or 0, u.pk or 0), reverse=True
    ):
        entry = TimelineEntry(update)
        entry.photo_values = [block.get("value") or {} for block in update.photos.raw_data]
        update.photos = []  # what the page shows comes from photo_values; keep the cache small
        timeline.append(entry)
    return {
        "call": call,
        "measures": measures,
        "timeline": timeline,
        "gallery": list(page.gallery_images.order_by("sort_order", "pk")),
        "initiative_documents": list(
            page.documents.select_related("document").order_by("sort_order", "pk")
        ),
        "contributions": list(
            page.contributions.select_related("indicator__measure").order_by("sort_order", "pk")
        ),
        "idea_chains": idea_chains(page, measures, request),
        "reported_progress": latest_reported(updates),
    }


def attach_images(detail: dict) -> dict:
    """Give the timeline and the gallery their images, all in one query."""
    images = images_by_id(
        [item.image_id for item in detail["gallery"]]
        + [value.get("image") for entry in detail["timeline"] for value in entry.photo_values]
    )
    for entry in detail["timeline"]:
        entry.photos = [
            (images[value["image"]], photo_alt(value, images[value["image"]]))
            for value in entry.photo_values
            if value.get("image") in images
        ]
    gallery = []
    for item in detail["gallery"]:
        if item.image_id in images:
            item.image = images[item.image_id]
            gallery.append(item)
    return {**detail, "gallery": gallery}
