"""Uploaded PDFs (certificates of training done elsewhere), rewritten before they are kept:
no scripts or other actions that run when the file is opened, no attached or embedded files,
no forms, and no metadata (document information, XMP). What is left is the pages as they
look. A file that cannot be read as a PDF, is encrypted, or is far longer than a certificate
is refused.
"""

import io

import pikepdf

from scheme.domain.errors import DomainError

MAX_PAGES = 20
# Keys whose values run something, carry files or describe the document and its author.
_REMOVED_KEYS = (
    "/OpenAction", "/AA", "/JavaScript", "/JS", "/AcroForm", "/EmbeddedFiles", "/EmbeddedFile", "/AF", "/Metadata",
    "/PieceInfo", "/URI", "/Launch", "/SubmitForm", "/ImportData", "/RichMedia", "/Collection", "/Threads",
)
# Annotations that are attachments or media players, not marks on the page.
_REMOVED_ANNOTATIONS = {"/FileAttachment", "/RichMedia", "/Screen", "/Movie", "/Sound", "/Widget"}
# Actions a link may keep: moving within the document.
_KEPT_ACTIONS = {"/GoTo"}


class InvalidPDF(DomainError):
    pass


def clean_pdf(data: bytes) -> bytes:
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) > MAX_PAGES:
                raise InvalidPDF(f"The certificate must be a PDF of {MAX_PAGES} pages or fewer")
            _strip(pdf)
            output = io.BytesIO()
            # Only what the pages still reach is written: the removed objects are left behind.
            pdf.save(output, deterministic_id=True, fix_metadata_version=False)
            return output.getvalue()
    except pikepdf.PasswordError:
        raise InvalidPDF("The certificate must not be a password-protected PDF") from None
    except (pikepdf.PdfError, ValueError, RecursionError):
        raise InvalidPDF("The certificate could not be read as a PDF: it may be damaged") from None


def _strip(pdf: pikepdf.Pdf) -> None:
    if "/Info" in pdf.trailer:
        del pdf.trailer["/Info"]
    names = pdf.Root.get("/Names")
    if isinstance(names, pikepdf.Dictionary):
        for key in ("/JavaScript", "/EmbeddedFiles"):
            if key in names:
                del names[key]
    for page in pdf.pages:
        annotations = page.obj.get("/Annots")
        if isinstance(annotations, pikepdf.Array):
            kept = [a for a in annotations if not (isinstance(a, pikepdf.Dictionary)
                                                   and a.get("/Subtype") in _REMOVED_ANNOTATIONS)]
            page.obj["/Annots"] = pikepdf.Array(kept)
    for obj in pdf.objects:
        if not isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
            continue
        for key in _REMOVED_KEYS:
            if key in obj:
                del obj[key]
        action = obj.get("/A")
        if isinstance(action, pikepdf.Dictionary) and action.get("/S") not in _KEPT_ACTIONS:
            del obj["/A"]
