import io

import pikepdf
import pytest

from scheme.domain.pdfs import MAX_PAGES, InvalidPDF, clean_pdf


def _pdf(pages: int = 1, **extra) -> bytes:
    pdf = pikepdf.new()
    for _ in range(pages):
        pdf.add_blank_page(page_size=(200, 100))
    for key, value in extra.items():
        extra[key] = value(pdf) if callable(value) else value
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def _risky_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page(page_size=(200, 100))
    script = pdf.make_indirect(pikepdf.Dictionary(S=pikepdf.Name.JavaScript, JS=pikepdf.String("app.alert('pwned')")))
    pdf.Root.OpenAction = script
    pdf.Root.AA = pikepdf.Dictionary(WC=script)
    attachment = pikepdf.AttachedFileSpec(pdf, b"MZ secret attachment", filename="run-me.exe")
    pdf.attachments["run-me.exe"] = attachment
    pdf.Root.Names.JavaScript = pikepdf.Dictionary(Names=pikepdf.Array([pikepdf.String("x"), script]))
    page = pdf.pages[0]
    page.obj.AA = pikepdf.Dictionary(O=script)
    page.obj.Annots = pdf.make_indirect(pikepdf.Array([
        pdf.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Annot, Subtype=pikepdf.Name.Link,
                                             Rect=pikepdf.Array([0, 0, 10, 10]),
                                             A=pikepdf.Dictionary(S=pikepdf.Name.Launch,
                                                                  F=pikepdf.String("calc.exe")))),
    ]))
    with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
        meta["dc:creator"] = ["Private Person XMP"]
    pdf.docinfo["/Author"] = "Private Person Info"
    output = io.BytesIO()
    pdf.save(output)
    return output.getvalue()


def test_scripts_attachments_actions_and_metadata_are_removed():
    original = _risky_pdf()
    assert b"app.alert" in original or b"JavaScript" in original  # the test file really carries them
    cleaned = clean_pdf(original)
    with pikepdf.open(io.BytesIO(cleaned)) as pdf:
        assert len(pdf.pages) == 1
        assert "/OpenAction" not in pdf.Root and "/AA" not in pdf.Root and "/Metadata" not in pdf.Root
        assert "/AA" not in pdf.pages[0].obj
        assert len(pdf.attachments) == 0
        assert "/Info" not in pdf.trailer or "/Author" not in pdf.docinfo
        for obj in pdf.objects:
            if isinstance(obj, (pikepdf.Dictionary, pikepdf.Stream)):
                assert obj.get("/S") not in (pikepdf.Name.JavaScript, pikepdf.Name.Launch), obj
                assert "/JS" not in obj
        everything = b"".join(obj.read_bytes() for obj in pdf.objects if isinstance(obj, pikepdf.Stream))
    for secret in (b"app.alert", b"MZ secret attachment", b"Private Person", b"calc.exe", b"run-me"):
        assert secret not in cleaned and secret not in everything


def test_a_plain_pdf_keeps_its_pages():
    with pikepdf.open(io.BytesIO(clean_pdf(_pdf(pages=3)))) as pdf:
        assert len(pdf.pages) == 3


@pytest.mark.parametrize("data", [b"%PDF-1.4 not really", b"%PDF-1.7\n" + b"\0" * 500])
def test_what_cannot_be_read_as_a_pdf_is_refused(data):
    with pytest.raises(InvalidPDF, match="could not be read"):
        clean_pdf(data)


def test_a_long_document_is_refused():
    with pytest.raises(InvalidPDF, match=f"{MAX_PAGES} pages"):
        clean_pdf(_pdf(pages=MAX_PAGES + 1))


def test_an_encrypted_pdf_is_refused():
    pdf = pikepdf.new()
    pdf.add_blank_page()
    output = io.BytesIO()
    pdf.save(output, encryption=pikepdf.Encryption(owner="o", user="u"))
    with pytest.raises(InvalidPDF, match="password"):
        clean_pdf(output.getvalue())
