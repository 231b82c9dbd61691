import io

import pytest
from PIL import Image

from scheme.domain.photos import InvalidPhoto, clean_image


def _jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (40, 30), "red")
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # camera make
    exif[0x8825] = {2: (51.0, 52.0, 53.0), 1: "N"}  # GPS IFD
    output = io.BytesIO()
    image.save(output, format="JPEG", exif=exif)
    return output.getvalue()


def test_photos_are_re_encoded_without_metadata():
    original = _jpeg_with_gps()
    assert Image.open(io.BytesIO(original)).getexif()  # the test photo really carries EXIF
    cleaned = clean_image(original)
    assert cleaned.content_type == "image/jpeg"
    reopened = Image.open(io.BytesIO(cleaned.content))
    assert reopened.size == (40, 30)
    assert not reopened.getexif()
    assert b"PhoneMaker" not in cleaned.content


def test_png_stays_png():
    output = io.BytesIO()
    Image.new("RGBA", (5, 5)).save(output, format="PNG")
    assert clean_image(output.getvalue()).content_type == "image/png"


@pytest.mark.parametrize("data", [b"not an image at all", b"GIF89a" + b"\0" * 50, b""])
def test_anything_else_is_refused(data):
    with pytest.raises(InvalidPhoto):
        clean_image(data)


def test_gif_is_refused_even_when_real():
    output = io.BytesIO()
    Image.new("RGB", (5, 5)).save(output, format="GIF")
    with pytest.raises(InvalidPhoto, match="JPEG or PNG"):
        clean_image(output.getvalue())


def test_more_than_10_mb_is_refused():
    with pytest.raises(InvalidPhoto, match="10 MB"):
        clean_image(b"\xff" * (10 * 1024 * 1024 + 1))
