"""
What an initiative page shows beyond its own fields, fetched once for the page and the API:
its call, measures, timeline of updates with their photos, gallery, documents, indicator
contributions and the residents' ideas it grew out of.

Each related list costs one query, and all photos (the gallery's and the updates') come in
one query with their renditions, whatever their number.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from wagtail.images import get_image_model

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
    ids = {i for i in ids if i}
    if not ids:
        return {}
    images = get_image_model().objects.filter(pk__in=ids).prefetch_renditions()
    return {image.pk: image for image in images}


def photo_alt(block_value: dict, image) -> str:
    if block_value.get("decorative"):
        return ""
    return block_value.get("alt_text") or getattr(image, "default_alt_text", "") or image.title


def initiative_detail(page, request) -> dict:
    call = page.call if page.call_id else None
    measures = [link.measure for link in page.measure_links.select_related("measure")]
    updates = list(page.progress_updates.all())
    gallery = list(page.gallery_images.all())
    photo_blocks = {
        update.pk: [b.get("value") or {} for b in update.photos.raw_data] for update in updates
    }
    images = images_by_id(
        [item.image_id for item in gallery]
        + [value.get("image") for values in photo_blocks.values() for value in values]
    )
    timeline = []
    for update in sorted(
        updates, key=lambda u: (u.date, u.sort_order or 0, u.pk or 0), reverse=True
    ):
        photos = []
        for value in photo_blocks[update.pk]:
            image = images.get(value.get("image"))
            if image is not None:
                photos.append((image, photo_alt(value, image)))
        timeline.append(TimelineEntry(update, photos))
    gallery_items = []
    for item in gallery:
        image = images.get(item.image_id)
        if image is not None:
            item.image = image
            gallery_items.append(item)
    contributions = list(page.contributions.select_related("indicator__measure"))
    return {
        "call": call,
        "measures": measures,
        "timeline": timeline,
        "gallery": gallery_items,
        "initiative_documents": list(page.documents.select_related("document")),
        "contributions": contributions,
        "idea_chains": idea_chains(page, measures, request),
        "reported_progress": latest_reported(updates),
    }
