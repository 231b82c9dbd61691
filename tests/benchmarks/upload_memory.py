"""Peak memory of cleaning one upload, for the worst files the limits allow and for a bomb.

Each case runs in a fresh process that cleans one file as an upload is cleaned, and its
peak resident memory is compared with a process that only imports the same modules:

    .venv/bin/python -m tests.benchmarks.upload_memory

The worst image allowed is 5,000 x 5,000 pixels of colour (25 Mpx: at 4 bytes a pixel,
the 100 MB decoding limit); the worst PDF a 20-page document (the page limit) near 10 MB.
"""

import io
import subprocess
import sys
import tempfile
from pathlib import Path

CLEAN = """
import resource, sys, time
from scheme.domain import pdfs, photos
data = open(sys.argv[1], "rb").read() if len(sys.argv) > 1 else None
started = time.process_time()
if data is not None:
    try:
        if data.startswith(b"%PDF-"):
            pdfs.clean_pdf(data)
        else:
            photos.clean_image(data)
        print("accepted", end=" ")
    except Exception as error:
        print(f"refused ({error})", end=" ")
print(f"{time.process_time() - started:.2f} s CPU")
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""


def _worst_png() -> bytes:
    from PIL import Image

    image = Image.linear_gradient("L").resize((5_000, 5_000)).convert("RGB")
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=False)
    return output.getvalue()


def _worst_jpeg() -> bytes:
    from PIL import Image, ImageDraw

    image = Image.radial_gradient("L").resize((5_000, 5_000)).convert("RGB")
    draw = ImageDraw.Draw(image)
    for x in range(0, 5_000, 50):
        draw.line([(x, 0), (5_000 - x, 5_000)], fill=(x % 255, 80, 160), width=3)
    output = io.BytesIO()
    image.save(output, format="JPEG", quality=92)
    return output.getvalue()


def _bomb() -> bytes:
    from tests.unit.domain.test_photos import _png_header_claiming

    return _png_header_claiming(13_000, 13_000)


def _long_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    for page in range(20):
        pdf.add_blank_page(page_size=(595, 842))
        stream = pdf.make_stream(b"0 0 1 rg " + b" ".join(b"%d %d 5 5 re f" % (i % 590, i % 840)
                                                         for i in range(page * 7, 28_000)))
        pdf.pages[page].Contents = stream
    output = io.BytesIO()
    pdf.save(output, compress_streams=False)
    return output.getvalue()


def _peak_kb(arguments: list[str]) -> tuple[int, str]:
    """The child's own peak resident memory (KB), and what it said of the file."""
    result = subprocess.run([sys.executable, "-c", CLEAN, *arguments], capture_output=True, text=True, check=True,
                            cwd=Path(__file__).resolve().parents[2])
    outcome, peak = result.stdout.strip().rsplit("\n", 1)
    return int(peak), outcome


CASES = {
    "worst PNG allowed, 5000x5000 RGB": _worst_png,
    "worst JPEG allowed, 5000x5000 RGB": _worst_jpeg,
    "169 Mpx PNG bomb": _bomb,
    "20-page PDF": _long_pdf,
}


def _write_cases(folder: str) -> None:
    for index, make in enumerate(CASES.values()):
        (Path(folder) / str(index)).write_bytes(make())


def main() -> None:
    # This process stays small: a child started from it would count its memory as its own.
    baseline, _ = _peak_kb([])
    print(f"baseline (imports only): {baseline / 1024:.0f} MB peak")
    with tempfile.TemporaryDirectory() as folder:
        subprocess.run([sys.executable, "-m", "tests.benchmarks.upload_memory", "--write", folder], check=True,
                       cwd=Path(__file__).resolve().parents[2])
        for index, name in enumerate(CASES):
            path = Path(folder) / str(index)
            peak, outcome = _peak_kb([str(path)])
            print(f"{name} ({path.stat().st_size / 1e6:.1f} MB file): {outcome}; peak {peak / 1024:.0f} MB, "
                  f"{(peak - baseline) / 1024:.0f} MB above the baseline")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--write"]:
        _write_cases(sys.argv[2])
    else:
        main()
