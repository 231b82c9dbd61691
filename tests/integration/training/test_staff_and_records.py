import io
from datetime import date, timedelta

import pytest
from PIL import Image

from scheme.domain.errors import DomainError
from scheme.domain.training import records
from scheme.enums import JobRole, TrainingEvidence
from scheme.extensions import db
from scheme.models import AuditLogEntry, StaffMember, TrainingRecord
from tests import factories
from tests.integration.training.conftest import jpeg_with_gps, png_bytes
from tests.pages import error_messages, get_page, post_page, text_of

TODAY = date.today()


def _date(prefix: str, day: date) -> dict:
    return {prefix: [str(day.day), str(day.month), str(day.year)]}


def test_business_adds_a_member_of_staff(business_client, premises):
    page = post_page(business_client, f"/business/premises/{premises.id}/staff/new",
                     {"name": "Ravi Shah", "job_role": "night_manager", **_date("started_on", TODAY)})
    assert "Ravi Shah added" in text_of(page)
    person = db.session.scalar(db.select(StaffMember).where(StaffMember.name == "Ravi Shah"))
    assert person.job_role is JobRole.NIGHT_MANAGER and person.started_on == TODAY
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "staff.added")) is not None


@pytest.mark.parametrize("data, message", [
    ({"name": "", "job_role": "driver", "started_on": ["1", "1", "2026"]}, "Enter the person's name"),
    ({"name": "Al", "started_on": ["1", "1", "2026"]}, "Select the job role"),
    ({"name": "Al", "job_role": "pilot", "started_on": ["1", "1", "2026"]}, "Not a valid choice"),
    ({"name": "Al", "job_role": "driver", "started_on": ["31", "2", "2026"]}, "Start date must be a real date"),
    ({"name": "Al", "job_role": "driver", "started_on": ["10", "3", "2026"], "left_on": ["9", "3", "2026"]},
     "Leaving date must be the same as or after the start date"),
])
def test_bad_staff_details_are_refused(business_client, premises, data, message):
    page = post_page(business_client, f"/business/staff/{factories.make_staff(premises).id}/edit", data)
    assert any(message in error for error in error_messages(page))


def test_a_leaver_stays_in_history_but_no_longer_counts(business_client, premises, clerk):
    post_page(business_client, f"/business/staff/{clerk.id}/edit",
              {"name": clerk.name, "job_role": "reception", **_date("started_on", clerk.started_on),
               **_date("left_on", TODAY)})
    page = get_page(business_client, f"/business/premises/{premises.id}/training")
    assert f"Cat Clerk (Reception): left on {TODAY.day}" in text_of(page)


def test_naming_a_new_lead_stands_down_the_old_one(business_client, premises):
    old = factories.make_staff(premises, name="Old Lead", is_safeguarding_lead=True)
    post_page(business_client, f"/business/premises/{premises.id}/staff/new",
              {"name": "New Lead", "job_role": "manager", "is_safeguarding_lead": "y", **_date("started_on", TODAY)})
    db.session.refresh(old)
    assert not old.is_safeguarding_lead


def test_training_page_shows_each_persons_status_and_what_to_do(business_client, premises, briefing, clerk):
    lead = factories.make_staff(premises, name="Lee Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    db.session.add(TrainingRecord(staff_member_id=lead.id, module_id=briefing.id, completed_on=TODAY - timedelta(days=700),
                                  expires_on=TODAY + timedelta(days=10), evidence=TrainingEvidence.IMPORTED))
    db.session.commit()
    text = text_of(get_page(business_client, f"/business/premises/{premises.id}/training"))
    assert "Training requirements not met" in text
    assert "Cat Clerk: has not done Spot the signs briefing" in text
    assert "Expiring soon Valid until" in text
    assert "Expiring in the next 30 days" in text and "Lee Lead: Spot the signs briefing expires on" in text


def _record(client, staff_id, module_id, evidence="equivalent_approved", completed=TODAY, **extra):
    data = {"module_id": str(module_id), "evidence": evidence, **_date("completed_on", completed), **extra}
    return post_page(client, f"/business/staff/{staff_id}/training/new", data, content_type="multipart/form-data")


def test_recording_training_derives_the_expiry_from_the_module(business_client, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, completed=date(2025, 8, 31))
    record = db.session.scalar(db.select(TrainingRecord).where(TrainingRecord.staff_member_id == clerk.id))
    assert record.expires_on == date(2027, 8, 31)


@pytest.mark.parametrize("change, message", [
    # Well ahead, so that it is still in the future when a run of the suite passes midnight.
    ({"completed": TODAY + timedelta(days=30)}, "Date completed must be today or in the past"),
    ({"module_id": 999999}, "Not a valid choice"),
    ({"evidence": "online_certificate"}, "Upload the certificate for an online course"),
    ({"evidence": "hearsay"}, "Not a valid choice"),
])
def test_bad_training_records_are_refused(business_client, briefing, clerk, change, message):
    page = _record(business_client, clerk.id, change.pop("module_id", briefing.id), **change)
    assert any(message in error for error in error_messages(page))
    assert db.session.scalar(db.select(TrainingRecord)) is None


@pytest.mark.parametrize("content, message", [
    (b"MZ\x90\x00 this is a program", "The certificate must be a PDF, JPEG or PNG file"),
    (b"", "The selected file is empty"),
])
def test_certificate_type_is_checked_by_content(business_client, briefing, clerk, content, message):
    page = _record(business_client, clerk.id, briefing.id, evidence="online_certificate",
                   certificate=(io.BytesIO(content), "certificate.pdf"))
    assert any(message in error for error in error_messages(page))


def test_certificate_over_10_mb_is_refused(premises):
    # Through the service: the test client leaves a spooled upload of this size unclosed.
    with pytest.raises(DomainError, match="The certificate must be smaller than 10 MB"):
        records.store_certificate(premises.id, records.Upload("big.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024)))


def test_certificate_is_private_to_the_business_and_officers(app, business_client, officer_client, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, evidence="online_certificate",
            certificate=(io.BytesIO(png_bytes()), "my cert.jpg"))
    record = db.session.scalar(db.select(TrainingRecord))
    url = f"/business/training-files/{record.certificate_file_id}"
    response = business_client.get(url)
    assert response.status_code == 200 and response.mimetype == "image/png"
    assert 'filename="my cert.png"' in response.headers["Content-Disposition"]
    assert db.session.scalar(db.select(AuditLogEntry).where(AuditLogEntry.action == "training.certificate_viewed"))
    assert officer_client.get(url).status_code == 200
    stranger = app.test_client(user=factories.make_user())
    assert stranger.get(url).status_code == 403


def test_photo_metadata_is_stripped_from_certificates(business_client, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, evidence="online_certificate",
            certificate=(io.BytesIO(jpeg_with_gps()), "photo.jpg"))
    record = db.session.scalar(db.select(TrainingRecord))
    content = business_client.get(f"/business/training-files/{record.certificate_file_id}").data
    assert dict(Image.open(io.BytesIO(content)).getexif()) == {}


def test_equivalent_course_counts_once_an_officer_approves(business_client, officer_client, premises, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, evidence="equivalent_approved")
    text = text_of(get_page(business_client, f"/business/premises/{premises.id}/training"))
    assert "Cat Clerk: Spot the signs briefing is awaiting an officer's approval" in text
    record = db.session.scalar(db.select(TrainingRecord))
    assert "Cat Clerk" in text_of(get_page(officer_client, "/officer/training-approvals"))
    post_page(officer_client, f"/officer/training-approvals/{record.id}/approve")
    db.session.refresh(record)
    assert record.approved_by_id is not None
    assert "awaiting" not in text_of(get_page(business_client, f"/business/premises/{premises.id}/training"))


def test_officer_refuses_an_equivalent_course_with_a_reason(business_client, officer_client, briefing, clerk):
    _record(business_client, clerk.id, briefing.id, evidence="equivalent_approved")
    record = db.session.scalar(db.select(TrainingRecord))
    page = post_page(officer_client, f"/officer/training-approvals/{record.id}/refuse", {})
    assert error_messages(page) == ["Enter why the course does not count"]
    post_page(officer_client, f"/officer/training-approvals/{record.id}/refuse", {"reason": "Not about exploitation"})
    assert db.session.scalar(db.select(TrainingRecord)) is None


def test_equivalent_not_allowed_for_the_module_is_refused(business_client, clerk):
    strict = factories.make_module(title="Strict", equivalent_allowed=False)
    page = _record(business_client, clerk.id, strict.id, evidence="equivalent_approved")
    assert "An equivalent course cannot count for Strict" in error_messages(page)


def test_another_business_cannot_touch_these_staff(app, clerk, briefing):
    stranger = app.test_client(user=factories.make_user())
    get_page(stranger, f"/business/staff/{clerk.id}/edit", status=403)
    get_page(stranger, f"/business/staff/{clerk.id}/training/new", status=403)


def test_officer_adds_staff_to_any_premises(officer_client, premises):
    page = post_page(officer_client, f"/business/premises/{premises.id}/staff/new",
                     {"name": "Olu Added", "job_role": "driver", **_date("started_on", TODAY)})
    assert "Olu Added added" in text_of(page)
