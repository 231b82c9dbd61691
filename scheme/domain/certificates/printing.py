"""What gets printed: the QR code (the certificate's made once, at issue; each sticker's, with
its serial, when it is printed), the A4 certificate and the window sticker as PDFs, and a
batch of them for an area, streamed."""

import io
import re
import zipfile
from collections.abc import Iterable, Iterator

import qrcode
import qrcode.image.svg
from flask import render_template

from scheme.domain import reporting_routes
from scheme.domain.certificates.codes import verification_url

_SIZE_ATTRIBUTES = re.compile(r'^<svg width="[^"]*" height="[^"]*"')


def qr_svg(url: str) -> str:
    """The QR code for url as an inline SVG element, sized by the page that places it.

    It is drawn on a white square: decoders (zbar among them) cannot find a code drawn on a
    transparent background.
    """
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=4,
                         image_factory=qrcode.image.svg.SvgPathFillImage)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    svg = svg.removeprefix("<?xml version='1.0' encoding='UTF-8'?>\n")
    return _SIZE_ATTRIBUTES.sub('<svg class="qr" role="img" shape-rendering="crispEdges"', svg, count=1)


def short_address(url: str) -> str:
    """The verification address as printed under the QR: without the https:// people do not type."""
    return url.split("://", 1)[-1]


_font_config = None


def _pdf(html: str) -> bytes:
    from weasyprint import (
        HTML,  # imported here: loading Pango costs time the web pages do not need
    )
    from weasyprint.text.fonts import FontConfiguration

    global _font_config
    # One font configuration for every PDF of the process: making one per PDF made a batch's
    # memory grow with each premises, and cost a quarter of its time.
    if _font_config is None:
        _font_config = FontConfiguration()
    return HTML(string=html).write_pdf(font_config=_font_config)


def _context(certificate, base_url: str, serial: str = "") -> dict:
    url = verification_url(base_url, certificate.public_code, serial)
    # The certificate's QR is made at issue; certificates written in bulk (generated load data)
    # have none yet. A sticker's QR, with its serial, is made when it is printed.
    qr = qr_svg(url) if serial else certificate.qr_svg or qr_svg(url)
    return {"certificate": certificate, "premises": certificate.premises, "url": url,
            "short_url": short_address(url), "serial": serial, "qr_svg": qr}


def certificate_pdf(certificate, base_url: str) -> bytes:
    """The A4 certificate: its QR holds the plain /v/<code> (it is not a sticker)."""
    return _pdf(render_template("certificates/certificate.html", **_context(certificate, base_url)))


def sticker_routes(premises_type) -> list[reporting_routes.Route]:
    """The routes printed on a sticker beside 999, for someone with no signal to open the
    page: the phone and text routes that fit the premises' type (a web address is no use
    without a signal)."""
    return [route for route in reporting_routes.routes_for(premises_type)
            if not route.emergency and route.kind != "web"]


def sticker_pdf(certificate, base_url: str, serial: str) -> bytes:
    """One printed sticker (stickers.print_sticker and friends give it its serial)."""
    context = _context(certificate, base_url, serial)
    context["routes"] = sticker_routes(certificate.premises.premises_type)
    return _pdf(render_template("certificates/sticker.html", **context))


def file_stem(certificate) -> str:
    return certificate.number


class _Chunks(io.RawIOBase):
    """A write-only stream whose bytes are taken away as they arrive (zipfile writes here)."""

    def __init__(self):
        self._pending = bytearray()

    def writable(self) -> bool:
        return True

    def write(self, data) -> int:
        self._pending += data
        return len(data)

    def take(self) -> bytes:
        data = bytes(self._pending)
        self._pending.clear()
        return data


def batch_zip(certificates: Iterable, serials: dict[int, str], base_url: str) -> Iterator[bytes]:
    """A zip of each certificate's sticker (serials: the one printed for each certificate id)
    and A4 PDFs, yielded piece by piece.

    Only one premises' PDFs are in memory at a time: the zip is written to a stream that
    cannot seek, so zipfile puts each entry's size after its data.
    """
    sink = _Chunks()
    try:
        with zipfile.ZipFile(sink, mode="w", compression=zipfile.ZIP_STORED) as archive:
            for certificate in certificates:
                serial = serials.get(certificate.id)
                if serial is None:  # valid now, but not when the batch was printed a moment ago
                    continue
                stem = file_stem(certificate)
                archive.writestr(f"{stem}-sticker.pdf", sticker_pdf(certificate, base_url, serial))
                archive.writestr(f"{stem}-certificate.pdf", certificate_pdf(certificate, base_url))
                yield sink.take()
        yield sink.take()
    finally:
        # A download stopped half-way: close the certificates' query now (see lists.py).
        getattr(certificates, "close", lambda: None)()
