"""
Copy the browser tests' latest screenshots (ci-output/screenshots/) of each page type into
docs/screenshots/ for the README: Lithuanian at desktop and phone width, plus the English home
page. Desktop shots are halved in width and every shot is reduced to 256 colours, which keeps
the whole set to a few megabytes.

Run after `make test-browser`: `make screenshots`.
"""

import sys
from pathlib import Path

from PIL import Image

BASE_DIR = Path(__file__).resolve().parents[2]
SOURCE = BASE_DIR / "ci-output" / "screenshots"
TARGET = BASE_DIR / "docs" / "screenshots"
PAGE_TYPES = [
    "homepage",
    "contentpage",
    "strategypage",
    "documentspage",
    "callindexpage",
    "callpage",
    "initiativeindexpage",
    "ideapage",
    "search",
    "notfound",
]
DESKTOP_WIDTH = 800
BUDGET_BYTES = 6 * 1024 * 1024


def wanted():
    for page_type in PAGE_TYPES:
        yield f"{page_type}-lt-desktop.png"
        yield f"{page_type}-lt-phone.png"
    yield "homepage-en-desktop.png"
    yield "homepage-en-phone.png"


def publish(name):
    image = Image.open(SOURCE / name).convert("RGB")
    if image.width > DESKTOP_WIDTH:
        height = round(image.height * DESKTOP_WIDTH / image.width)
        image = image.resize((DESKTOP_WIDTH, height), Image.Resampling.LANCZOS)
    image = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    image.save(TARGET / name, optimize=True)
    return (TARGET / name).stat().st_size


def main():
    missing = [name for name in wanted() if not (SOURCE / name).exists()]
    if missing:
        sys.exit(f"run the browser tests first (make test-browser); missing: {missing}")
    TARGET.mkdir(parents=True, exist_ok=True)
    total = sum(publish(name) for name in wanted())
    print(f"{len(list(wanted()))} screenshots in {TARGET}, {total / 1024 / 1024:.1f} MB")  # noqa: T201 - a command
    if total > BUDGET_BYTES:
        sys.exit(f"the screenshots take {total} bytes, more than {BUDGET_BYTES}")


if __name__ == "__main__":
    main()
