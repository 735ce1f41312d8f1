"""Draw Calf Check's web icons (PWA icons, favicon, loading image) into assets/ with Pillow.

Run from the repository root: `.venv/bin/python tools/make_icons.py` (needs `pillow`, a development tool).
The design is original: a white disc holding a teal check mark, on the app's teal.
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw

REPO = Path(__file__).resolve().parent.parent
ASSETS = REPO / "assets"
TEAL = (15, 110, 122, 255)  # #0F6E7A, the app's primary colour (THEME_COLOR in mobile_app/server.py)
WHITE = (255, 255, 255, 255)
CLEAR = (0, 0, 0, 0)
SUPERSAMPLE = 4  # draw large, then downscale: smooth edges without an antialiasing API


def _mark(draw: ImageDraw.ImageDraw, size: int, scale: float) -> None:
    """A white disc with a teal check mark, centred, its diameter `scale` times the image size."""
    centre = size / 2
    radius = size * scale / 2
    draw.ellipse((centre - radius, centre - radius, centre + radius, centre + radius), fill=WHITE)
    r = radius
    points = [
        (centre - 0.50 * r, centre + 0.02 * r),
        (centre - 0.14 * r, centre + 0.38 * r),
        (centre + 0.52 * r, centre - 0.30 * r),
    ]
    width = max(2, round(0.20 * r))
    draw.line(points, fill=TEAL, width=width, joint="curve")
    for x, y in (points[0], points[2]):  # round caps
        draw.ellipse((x - width / 2, y - width / 2, x + width / 2, y + width / 2), fill=TEAL)


def icon(size: int, *, maskable: bool = False, opaque: bool = False) -> Image.Image:
    """One icon: a rounded teal tile (full bleed if maskable or opaque) with the mark.

    Maskable icons keep the mark inside the central 80% safe zone that launchers may crop to.
    """
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), TEAL if (maskable or opaque) else CLEAR)
    draw = ImageDraw.Draw(image)
    if not (maskable or opaque):
        draw.rounded_rectangle((0, 0, big - 1, big - 1), radius=round(big * 0.22), fill=TEAL)
    _mark(draw, big, 0.56 if maskable else 0.66)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def loading_image(size: int) -> Image.Image:
    """The splash image shown while the web client loads (the mark on a transparent background)."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), CLEAR)
    draw = ImageDraw.Draw(image)
    draw.ellipse((0, 0, big - 1, big - 1), fill=TEAL)
    _mark(draw, big, 0.72)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write every icon file that Flet's web client and assets/manifest.json refer to."""
    icons = ASSETS / "icons"
    icons.mkdir(parents=True, exist_ok=True)
    outputs = {
        icons / "icon-192.png": icon(192),
        icons / "icon-512.png": icon(512),
        icons / "icon-maskable-192.png": icon(192, maskable=True),
        icons / "icon-maskable-512.png": icon(512, maskable=True),
        icons / "apple-touch-icon-192.png": icon(192, opaque=True),
        icons / "loading-animation.png": loading_image(256),
        ASSETS / "favicon.png": icon(64),
    }
    for path, image in outputs.items():
        image.save(path, optimize=True)
        print(f"{path.relative_to(REPO)}: {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
