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


def _png_header_claiming(width: int, height: int) -> bytes:
    """A tiny PNG file whose header claims this size: decoding it would need the memory."""
    import struct
    import zlib

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)  # 8-bit RGB
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 64)) + chunk(b"IEND", b"")


@pytest.mark.parametrize("width, height", [(13_000, 13_000), (40_001, 1_000), (7_000, 5_000)])
def test_images_over_the_pixel_or_memory_limit_are_refused_before_decoding(width, height):
    # 169 Mpx (Pillow's own check would only warn or stop at its limits), 40 Mpx and one
    # pixel more, and 35 Mpx of RGB: 140 MB decoded, over the memory limit though under the
    # pixel one.
    with pytest.raises(InvalidPhoto, match="too large"):
        clean_image(_png_header_claiming(width, height))


def test_the_largest_image_allowed_is_under_both_limits():
    from scheme.domain.photos import MAX_DECODED_BYTES, MAX_PIXELS, decoded_size

    assert decoded_size(5_000, 5_000, "RGB") <= MAX_DECODED_BYTES
    assert 5_000 * 5_000 <= MAX_PIXELS
    assert decoded_size(6_000, 5_000, "RGB") > MAX_DECODED_BYTES  # 30 Mpx in colour: too much memory


def test_jpeg_comments_icc_profiles_and_png_text_are_removed():
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(output, format="JPEG", comment=b"secret comment",
                                          icc_profile=b"\0" * 128 + b"ICC-PROFILE-MARK")
    cleaned = clean_image(output.getvalue()).content
    assert b"secret comment" not in cleaned and b"ICC-PROFILE-MARK" not in cleaned
    assert "comment" not in Image.open(io.BytesIO(cleaned)).info

    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Someone Private")
    info.add_itxt("Location", "51.88 N 0.55 E")
    output = io.BytesIO()
    Image.new("RGB", (8, 8), "blue").save(output, format="PNG", pnginfo=info)
    cleaned = clean_image(output.getvalue()).content
    assert b"Someone Private" not in cleaned and b"51.88" not in cleaned


def test_an_animated_png_is_refused():
    output = io.BytesIO()
    frames = [Image.new("RGB", (8, 8), colour) for colour in ("red", "blue")]
    frames[0].save(output, format="PNG", save_all=True, append_images=frames[1:])
    with pytest.raises(InvalidPhoto):
        clean_image(output.getvalue())
