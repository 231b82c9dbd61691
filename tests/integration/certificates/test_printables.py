"""The printed QR codes decode, with a real decoder, to the certificate's public address,
and that address shows the certificate's current status."""

import io
import subprocess
import tempfile
import zipfile
from datetime import date
from pathlib import Path

import pytest

from scheme.domain.certificates import lifecycle, printing
from tests.integration.certificates.conftest import (
    BASE_URL,
    issue,
    make_eligible_premises,
)
from tests.pages import get_page


def decode_qr(pdf: bytes) -> list[str]:
    """Every QR code on the PDF's first page, as zbar reads it from a 150 dpi rendering."""
    with tempfile.TemporaryDirectory() as folder:
        pdf_path = Path(folder) / "print.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", str(pdf_path), f"{folder}/page"],
                       check=True)
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    assert result.returncode == 0, f"zbarimg found no code (exit {result.returncode})"
    return result.stdout.splitlines()


def page_count(pdf: bytes) -> int:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def page_size_mm(pdf: bytes) -> tuple[float, float]:
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(pdf)
        file.flush()
        info = subprocess.run(["pdfinfo", file.name], capture_output=True, text=True, check=True).stdout
    size = next(line for line in info.splitlines() if line.startswith("Page size:")).split()
    return round(float(size[2]) * 25.4 / 72), round(float(size[4]) * 25.4 / 72)


def sticker_of(certificate, serial: str = "1") -> bytes:
    return printing.sticker_pdf(certificate, BASE_URL, serial)


@pytest.mark.parametrize("render, suffix", [(sticker_of, "/1"), (printing.certificate_pdf, "")],
                         ids=["sticker", "a4"])
def test_the_printed_qr_decodes_to_the_public_address_which_shows_the_status(app, client, business_user,
                                                                              officer, render, suffix):
    premises = make_eligible_premises(business_user)
    certificate = issue(premises, on=date.today())
    pdf = render(certificate) if render is sticker_of else render(certificate, app.config["SCHEME_BASE_URL"])

    [decoded] = decode_qr(pdf)
    assert decoded == f"{BASE_URL}/v/{certificate.public_code}{suffix}"
    path = decoded.removeprefix(app.config["SCHEME_BASE_URL"])
    assert get_page(client, path).h1.get_text(strip=True).startswith("Accredited until")

    lifecycle.suspend_certificate(certificate.id, actor=officer, reason="Lapsed training", today=date.today())
    assert get_page(client, path).h1.get_text(strip=True).startswith("NOT accredited: this certificate was suspended")


def test_the_sticker_is_a_100_mm_square_and_the_certificate_a4(app, business_user):
    certificate = issue(make_eligible_premises(business_user), on=date.today())
    sticker = sticker_of(certificate)
    a4 = printing.certificate_pdf(certificate, BASE_URL)
    assert page_size_mm(sticker) == (100, 100) and page_count(sticker) == 1
    assert page_size_mm(a4) == (210, 297) and page_count(a4) == 1


def test_the_code_and_short_address_are_printed_under_the_qr(app, business_user):
    certificate = issue(make_eligible_premises(business_user), on=date.today())
    with tempfile.NamedTemporaryFile(suffix=".pdf") as file:
        file.write(sticker_of(certificate, "12"))
        file.flush()
        text = subprocess.run(["pdftotext", file.name, "-"], capture_output=True, text=True, check=True).stdout
    assert certificate.public_code in text
    assert f"scheme.test/v/{certificate.public_code}/12" in text


def test_the_qr_is_a_vector_image_made_once_at_issue(app, business_user):
    certificate = issue(make_eligible_premises(business_user), on=date.today())
    assert certificate.qr_svg.startswith("<svg") and "<path" in certificate.qr_svg
    assert 'fill="white"' in certificate.qr_svg  # decoders cannot find a code on a transparent background


def test_a_batch_for_an_area_is_a_zip_streamed_one_premises_at_a_time(app, business_user):
    ids = [issue(make_eligible_premises(business_user, area="Bocking"), on=date.today()).id for _ in range(2)]
    issued = [lifecycle.get_certificate(certificate_id) for certificate_id in ids]  # as the batch reads them
    chunks = printing.batch_zip(issued, {issued[0].id: "1", issued[1].id: "4"}, BASE_URL)
    first = next(chunks)
    # The first piece already holds the first premises' files, before the second is rendered.
    assert f"{issued[0].number}-sticker.pdf".encode() in first
    assert issued[1].number.encode() not in first
    archive = zipfile.ZipFile(io.BytesIO(first + b"".join(chunks)))
    assert sorted(archive.namelist()) == sorted(
        f"{c.number}-{kind}.pdf" for c in issued for kind in ("sticker", "certificate"))
    [decoded] = decode_qr(archive.read(f"{issued[1].number}-sticker.pdf"))
    assert decoded == f"{BASE_URL}/v/{issued[1].public_code}/4"


def decode_phone_sized(pdf: bytes, width_px: int) -> list[str]:
    """The QR as a phone camera sees the sticker from arm's length: the whole 100 mm sticker
    in a small image, width_px across."""
    with tempfile.TemporaryDirectory() as folder:
        pdf_path = Path(folder) / "print.pdf"
        pdf_path.write_bytes(pdf)
        subprocess.run(["pdftoppm", "-png", "-scale-to", str(width_px), str(pdf_path), f"{folder}/page"], check=True)
        image = next(Path(folder).glob("page*.png"))
        result = subprocess.run(["zbarimg", "-q", "--raw", str(image)], capture_output=True, text=True)
    assert result.returncode == 0, f"zbarimg found no code at {width_px} px (exit {result.returncode})"
    return result.stdout.splitlines()


def test_a_sticker_with_a_long_serial_still_decodes_from_a_phone_sized_image(app, business_user):
    certificate = issue(make_eligible_premises(business_user), on=date.today())
    pdf = sticker_of(certificate, "99999")
    assert decode_qr(pdf) == [f"{BASE_URL}/v/{certificate.public_code}/99999"]
    assert decode_phone_sized(pdf, 320) == [f"{BASE_URL}/v/{certificate.public_code}/99999"]
