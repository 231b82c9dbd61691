"""Uploads through the pages: PDFs are rewritten, images too big to decode are refused, and
each user may upload only so many files."""

import io
from datetime import date

import pikepdf
import pytest

from scheme.domain.errors import DomainError
from flask_migrate import upgrade

from scheme.enums import ApplicationStatus, Role
from scheme.domain.training import records
from scheme.extensions import db, limiter
from scheme.models import StoredFile, TrainingRecord
from tests import factories
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import fresh_database
from tests.pages import error_messages, post_page
from tests.unit.domain.test_pdfs import _risky_pdf
from tests.unit.domain.test_photos import _png_header_claiming


def _record(client, staff_id, module_id, certificate, status=200):
    day = date.today()
    data = {"module_id": str(module_id), "evidence": "online_certificate",
            "completed_on": [str(day.day), str(day.month), str(day.year)], "certificate": certificate}
    return post_page(client, f"/business/staff/{staff_id}/training/new", data, content_type="multipart/form-data",
                     status=status)


def test_an_uploaded_pdf_is_kept_without_its_scripts_attachments_or_metadata(business_client, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, (io.BytesIO(_risky_pdf()), "course.pdf"))
    record = db.session.scalar(db.select(TrainingRecord))
    kept = business_client.get(f"/business/training-files/{record.certificate_file_id}").data
    for secret in (b"app.alert", b"MZ secret attachment", b"Private Person", b"calc.exe"):
        assert secret not in kept
    with pikepdf.open(io.BytesIO(kept)) as pdf:
        assert len(pdf.pages) == 1 and "/OpenAction" not in pdf.Root


def test_an_image_too_big_to_decode_is_refused_and_nothing_is_kept(business_client, briefing, clerk):
    page = _record(business_client, clerk.id, briefing.id, (io.BytesIO(_png_header_claiming(13_000, 13_000)), "x.png"))
    assert any("The certificate is too large" in error for error in error_messages(page))
    assert db.session.scalar(db.select(StoredFile)) is None
    assert db.session.scalar(db.select(TrainingRecord)) is None


def test_a_pdf_that_cannot_be_read_is_refused(premises):
    with pytest.raises(DomainError, match="could not be read as a PDF"):
        records.store_certificate(premises.id, records.Upload("c.pdf", b"%PDF-1.4 just text"))


@pytest.fixture
def limited_app():
    """An app with its rate limits on, on a database of its own (its requests commit)."""
    # The limiter is one object shared by every app in the process: its switch and its counts
    # are put back afterwards, or the tests after this one would be limited too.
    was_enabled = limiter.enabled
    with fresh_database() as url:
        app = make_test_app(url, RATELIMIT_ENABLED=True)
        with app.app_context():
            upgrade()
            owner = factories.make_user()
            premises = factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER)
            module = factories.make_module(equivalent_allowed=True)
            clerk = factories.make_staff(premises)
            officer = factories.make_user(Role.OFFICER)
            # Made here, while the users are loaded; used outside this context, so that each
            # request loads its own signed-in user.
            ids = {"owner": app.test_client(user=owner), "officer": app.test_client(user=officer),
                   "clerk": clerk.id, "module": module.id}
            db.session.remove()
        try:
            yield app, ids
        finally:
            limiter.reset()
            limiter.enabled = was_enabled
            dispose_app_engines(app)


def _post(client, staff_id, module_id, certificate=None) -> int:
    day = date.today()
    data = {"module_id": str(module_id), "evidence": "online_certificate",
            "completed_on": [str(day.day), str(day.month), str(day.year)]}
    if certificate:
        data["certificate"] = certificate
    return client.post(f"/business/staff/{staff_id}/training/new", data=data,
                       content_type="multipart/form-data").status_code


def test_each_user_may_upload_only_so_many_files_a_minute(limited_app):
    app, ids = limited_app
    client = ids["owner"]
    bad_file = lambda: (io.BytesIO(b"not a certificate"), "c.pdf")  # noqa: E731
    answers = [_post(client, ids["clerk"], ids["module"], bad_file()) for _ in range(11)]
    assert answers[:10] == [200] * 10 and answers[10] == 429  # refused files count too: each was read
    # A post without a file is not an upload; another user has an allowance of their own.
    assert _post(client, ids["clerk"], ids["module"]) != 429
    officer = ids["officer"]
    assert _post(officer, ids["clerk"], ids["module"], bad_file()) == 200
