"""Evidence photos: only real JPEG or PNG images, re-encoded so no EXIF or GPS metadata survives."""

import io
from dataclasses import dataclass

from PIL import Image, ImageOps, UnidentifiedImageError

from scheme.domain.errors import DomainError

MAX_BYTES = 10 * 1024 * 1024
FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png"}
# Refuse decompression bombs well before Pillow's own warning threshold turns into an error.
MAX_PIXELS = 60_000_000


class InvalidPhoto(DomainError):
    pass


@dataclass(frozen=True)
class CleanImage:
    content_type: str
    content: bytes


def clean_image(data: bytes) -> CleanImage:
    if len(data) > MAX_BYTES:
        raise InvalidPhoto("The photo must be smaller than 10 MB")
    try:
        with Image.open(io.BytesIO(data)) as probe:
            image_format = probe.format
            if image_format not in FORMATS:
                raise InvalidPhoto("The photo must be a JPEG or PNG")
            if probe.width * probe.height > MAX_PIXELS:
                raise InvalidPhoto("The photo is too large: take it at a lower resolution")
            probe.verify()
        with Image.open(io.BytesIO(data)) as image:
            # Turn the picture the way the camera meant, since the orientation tag goes too.
            upright = ImageOps.exif_transpose(image)
            output = io.BytesIO()
            if image_format == "JPEG":
                upright.convert("RGB").save(output, format="JPEG", quality=85)
            else:
                upright.save(output, format="PNG")
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise InvalidPhoto("The selected file must be a JPEG or PNG photo") from None
    return CleanImage(FORMATS[image_format], output.getvalue())
