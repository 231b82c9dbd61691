"""Uploaded images (evidence photos, photos of training certificates): only real JPEG or PNG
images, small enough to decode safely, re-encoded from their pixels so that no metadata
survives (EXIF with its GPS position, XMP, ICC profiles, JPEG comments, PNG text chunks).

An image's size is read from its header, before anything is decoded: one that is too big is
refused without the cost of decoding it (a 0.5 MB PNG can hold 169 million pixels).
"""

import io
import warnings
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from scheme.domain.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
# Phones' JPEGs with a second, smaller picture inside open as MPO: the first picture is kept.
_READ_AS = {"MPO": "JPEG"}
# Refused before decoding: more pixels than any phone camera takes...
MAX_PIXELS = 40_000_000
# ...or more memory than this to hold the decoded picture once (re-encoding it costs about
# as much again; tests/benchmarks/upload_memory.py measures the worst file allowed).
MAX_DECODED_BYTES = 100 * 1024 * 1024
# Bytes per pixel of each mode a JPEG or PNG decodes to (16-bit PNGs included).
_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "LA": 4, "PA": 4, "La": 4, "I;16": 2, "I;16B": 2, "I": 4,
                    "F": 4, "RGB": 4, "RGBA": 4, "RGBa": 4, "CMYK": 4, "YCbCr": 4, "LAB": 4}


class InvalidPhoto(DomainError):
    pass


@dataclass(frozen=True)
class CleanImage:
    content_type: str
    content: bytes


def decoded_size(width: int, height: int, mode: str) -> int:
    """The bytes Pillow needs to hold an image of this size and mode in memory."""
    return width * height * _BYTES_PER_PIXEL.get(mode, 4)


def clean_image(data: bytes, what: str = "photo") -> CleanImage:
    """The image re-encoded without its metadata, or InvalidPhoto (naming `what` it is)."""
    if len(data) > MAX_BYTES:
        raise InvalidPhoto(f"The {what} must be smaller than 10 MB")
    try:
        with warnings.catch_warnings():
            # Pillow's own, looser, bomb check only warns below twice its limit: ours is stricter.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return _clean(data, what)
    except InvalidPhoto:
        raise
    except Image.DecompressionBombError:
        raise InvalidPhoto(f"The {what} is too large: use one taken at a lower resolution") from None
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise InvalidPhoto(f"The selected file must be a JPEG or PNG {what}") from None


def _clean(data: bytes, what: str) -> CleanImage:
    with Image.open(io.BytesIO(data)) as probe:
        image_format = _READ_AS.get(probe.format, probe.format)
        if image_format not in FORMATS:
            raise InvalidPhoto(f"The {what} must be a JPEG or PNG")
        _check_size(probe, what)
        probe.verify()
    with Image.open(io.BytesIO(data)) as image:
        _check_size(image, what)
        image.load()
        # Turn the picture the way the camera meant, since the orientation tag goes too. In
        # place, and converted only when it must be: each copy would be the decoded size again.
        ImageOps.exif_transpose(image, in_place=True)
        transparency = image.info.get("transparency")
        image.info.clear()  # Pillow writes a JPEG's comment and a PNG's profile back from here
        output = io.BytesIO()
        if image_format == "JPEG":
            (image if image.mode in ("RGB", "L") else image.convert("RGB")).save(output, format="JPEG", quality=85)
        else:
            image.save(output, format="PNG", **({"transparency": transparency} if transparency is not None else {}))
    return CleanImage(FORMATS[image_format], output.getvalue())


def _check_size(image: Image.Image, what: str) -> None:
    animated = image.format == "PNG" and getattr(image, "n_frames", 1) > 1
    if image.width * image.height > MAX_PIXELS or animated:
        raise InvalidPhoto(f"The {what} is too large: use one taken at a lower resolution")
    if decoded_size(image.width, image.height, image.mode) > MAX_DECODED_BYTES:
        raise InvalidPhoto(f"The {what} is too large: use one taken at a lower resolution")
