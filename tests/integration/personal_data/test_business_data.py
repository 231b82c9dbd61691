"""An admin can hand a business everything held about it, and erase its account."""

import io
import json
import zipfile
from datetime import date, timedelta

import pytest

from scheme.domain.personal_data.business_data import ERASED_USER_NAME
from scheme.enums import ApplicationStatus, CertificateStatus
from scheme.extensions import db
from scheme.models import (
    AuditLogEntry,
    Certificate,
    OutboxMessage,
    PremisesMember,
    StaffMember,
    StoredFile,
    TrainingRecord,
    User,
)
from tests import factories
from tests.factories_officer import make_certificate
from tests.factories_training import make_record
from tests.pages import get_page, post_page, text_of


@pytest.fixture
def business(app, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER, home_based=True,
                                       phone="01376 555 000", email="cabs@example.com", lead_email="lead@example.com")
    person = factories.make_staff(premises, name="Dana Driver")
    stored = StoredFile(premises_id=premises.id, filename="dana.png", content_type="image/png", content=b"\x89PNG fake")
    db.session.add(stored)
    db.session.add(OutboxMessage(to=business_user.email, subject="Your application", text_body="Dear Bea",
                                 premises_id=premises.id))
    db.session.commit()
    make_record(person, factories.make_module(), completed_on=date.today() - timedelta(days=10),
                certificate_file_id=stored.id)
    return premises


def _zip(response) -> zipfile.ZipFile:
    assert response.status_code == 200 and response.mimetype == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.data))


def test_the_export_holds_every_record_about_the_business_but_no_password(admin_client, business, business_user):
    archive = _zip(admin_client.get(f"/admin/premises/{business.id}/data.zip"))
    names = set(archive.namelist())
    for table in ("premises", "user", "premises_member", "staff_member", "training_record", "stored_file", "outbox_message"):
        assert {f"{table}.json", f"{table}.csv"} <= names, table
    [user] = json.loads(archive.read("user.json"))
    assert user["email"] == business_user.email and "password_hash" not in user
    assert [person["name"] for person in json.loads(archive.read("staff_member.json"))] == ["Dana Driver"]
    [stored] = json.loads(archive.read("stored_file.json"))
    assert archive.read(stored["content"]) == b"\x89PNG fake"
    assert "password_hash" not in archive.read("user.csv").decode()
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "premises.data_exported",
                                                            AuditLogEntry.premises_id == business.id))


def test_the_export_holds_nothing_of_another_business(admin_client, business):
    other = factories.make_premises(name="Elsewhere Hotel")
    factories.make_staff(other, name="Olive Other")
    archive = _zip(admin_client.get(f"/admin/premises/{business.id}/data.zip"))
    everything = b"".join(archive.read(name) for name in archive.namelist())
    assert b"Olive Other" not in everything and b"Elsewhere Hotel" not in everything


def _erase(client, premises, confirmed=True, status=200):
    return post_page(client, f"/admin/premises/{premises.id}/erase", {"confirmed": "y"} if confirmed else {},
                     status=status)


def test_erasing_removes_the_people_and_keeps_what_the_register_needs(app, admin_client, business, business_user):
    certificate = make_certificate(business, expires_on=date.today() - timedelta(days=1))  # expired
    page = _erase(admin_client, business)
    assert "The business's account has been erased" in text_of(page)

    db.session.expire_all()
    user = db.session.get(User, business_user.id)
    assert (user.name, user.active) == (ERASED_USER_NAME, False)
    assert "@erased.invalid" in user.email
    assert db.session.scalars(db.select(PremisesMember).where(PremisesMember.premises_id == business.id)).all() == []
    assert [person.name for person in db.session.scalars(db.select(StaffMember).where(StaffMember.premises_id == business.id))] \
        == ["Name erased"]
    assert db.session.scalars(db.select(StoredFile).where(StoredFile.premises_id == business.id)).all() == []
    assert db.session.scalar(db.select(db.func.count()).select_from(TrainingRecord)) == 1
    [message] = db.session.scalars(db.select(OutboxMessage).where(OutboxMessage.premises_id == business.id))
    assert (message.to, message.text_body) == ("erased@erased.invalid", "")
    assert (business.phone, business.email, business.lead_email, business.address_line_1) == ("", "", "", "Address erased")
    assert db.session.get(Certificate, certificate.id) is not None
    [entry] = db.session.scalars(db.select(AuditLogEntry).where(AuditLogEntry.action == "premises.erased"))
    assert "Dana" not in entry.details and business_user.email not in entry.details

    signed_out = app.test_client()
    sign_in = signed_out.post("/sign-in", data={"email": business_user.email, "password": factories.PASSWORD})
    assert sign_in.status_code == 200  # the sign-in page again, with an error: no such account now


def test_a_business_with_a_valid_certificate_cannot_be_erased(admin_client, business):
    certificate = make_certificate(business, expires_on=date.today() + timedelta(days=100))
    page = _erase(admin_client, business)
    assert f"Certificate {certificate.number} is still valid" in text_of(page)
    db.session.expire_all()
    assert db.session.scalar(db.select(StaffMember.name).where(StaffMember.premises_id == business.id)) == "Dana Driver"


def test_a_revoked_certificate_does_not_block_erasure(admin_client, business):
    make_certificate(business, expires_on=date.today() + timedelta(days=100), status=CertificateStatus.REVOKED)
    assert "has been erased" in text_of(_erase(admin_client, business))


def test_erasure_must_be_confirmed(admin_client, business):
    page = _erase(admin_client, business, confirmed=False)
    assert "Confirm that the business asked for its account to be erased" in text_of(page)
    db.session.expire_all()
    assert db.session.scalar(db.select(StaffMember.name).where(StaffMember.premises_id == business.id)) == "Dana Driver"


def test_the_data_page_is_linked_from_the_premises_page_for_admins_only(admin_client, officer_client, business):
    assert "Data held about this business" in text_of(get_page(admin_client, f"/officer/premises/{business.id}"))
    assert "Data held about this business" not in text_of(get_page(officer_client, f"/officer/premises/{business.id}"))
    assert officer_client.get(f"/admin/premises/{business.id}/data.zip").status_code == 403
