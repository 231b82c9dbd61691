"""Officers issue and manage certificates through real pages; each change reaches the public page."""

import io
import zipfile
from datetime import date, timedelta

import pytest

from scheme.enums import ActionStatus, ApplicationStatus, CertificateStatus, Outcome
from scheme.extensions import db
from scheme.models import Action, AuditLogEntry, Certificate, OutboxMessage, ScanCount, StickerBatch
from tests import factories
from tests.integration.certificates.conftest import (
    issue,
    make_eligible_premises,
    pass_audit,
)
from tests.pages import get_page, post_page, text_of


def audit_actions(premises_id: int) -> list[str]:
    return list(db.session.scalars(db.select(AuditLogEntry.action).where(AuditLogEntry.premises_id == premises_id)
                                    .order_by(AuditLogEntry.id)))


def test_the_issue_page_lists_each_condition_and_issues_when_all_are_met(officer_client, business_user):
    premises = make_eligible_premises(business_user, on=date.today())
    page = get_page(officer_client, f"/officer/premises/{premises.id}/certificates/issue")
    assert text_of(page).count("Not met") == 0
    page = post_page(officer_client, f"/officer/premises/{premises.id}/certificates/issue")
    certificate = db.session.scalar(db.select(Certificate).where(Certificate.premises_id == premises.id))
    assert f"Certificate {certificate.number} issued" in text_of(page)
    assert certificate.issued_on == date.today()
    assert audit_actions(premises.id) == ["certificate.issued"]


def test_the_issue_page_shows_what_is_not_met_with_links_to_fix_it(officer_client, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.SUBMITTED)
    pass_audit(premises, date.today() - timedelta(days=3), outcome=Outcome.FAIL)
    db.session.add(Action(premises_id=premises.id, description="Put up the poster", due_on=date.today() - timedelta(days=1),
                          status=ActionStatus.OPEN))
    db.session.commit()
    page = get_page(officer_client, f"/officer/premises/{premises.id}/certificates/issue")
    text = text_of(page)
    assert text.count("Not met") == 4
    assert "ended: fail" in text and "1 action past the due date" in text
    assert page.select_one(f'a[href="/business/premises/{premises.id}/training"]') is not None
    assert page.select_one("main form") is None  # nothing to press until every condition is met
    post_page(officer_client, f"/officer/premises/{premises.id}/certificates/issue")
    assert db.session.scalar(db.select(Certificate).where(Certificate.premises_id == premises.id)) is None


def test_suspend_emails_the_business_and_reinstate_restores(officer_client, client, business_user):
    certificate = issue(make_eligible_premises(business_user, on=date.today()), on=date.today())
    page = post_page(officer_client, f"/officer/certificates/{certificate.id}/suspend", {"reason": ""})
    assert "Enter the reason" in text_of(page)

    post_page(officer_client, f"/officer/certificates/{certificate.id}/suspend", {"reason": "Training has lapsed"})
    assert certificate.status == CertificateStatus.SUSPENDED and certificate.status_reason == "Training has lapsed"
    issued, email = db.session.scalars(db.select(OutboxMessage).order_by(OutboxMessage.id)).all()
    assert "certificate" in issued.subject and email.to == business_user.email and "suspended" in email.subject
    assert "Training has lapsed" in email.text_body and "What to do now" in email.text_body
    assert get_page(client, f"/v/{certificate.public_code}").h1.get_text().startswith("NOT accredited")

    post_page(officer_client, f"/officer/certificates/{certificate.id}/reinstate")
    assert certificate.status == CertificateStatus.ACTIVE
    assert get_page(client, f"/v/{certificate.public_code}").h1.get_text().startswith("Accredited")
    assert audit_actions(certificate.premises_id)[-2:] == ["certificate.suspended", "certificate.reinstated"]


def test_revoking_is_final(officer_client, business_user):
    certificate = issue(make_eligible_premises(business_user, on=date.today()), on=date.today())
    post_page(officer_client, f"/officer/certificates/{certificate.id}/revoke", {"reason": "Closure order"})
    assert certificate.status == CertificateStatus.REVOKED
    page = post_page(officer_client, f"/officer/certificates/{certificate.id}/reinstate")
    assert "is not suspended" in text_of(page)
    assert certificate.status == CertificateStatus.REVOKED


def test_renewal_opens_in_the_window_before_expiry_and_supersedes(officer_client, business_user):
    today = date.today()
    premises = make_eligible_premises(business_user, on=today)
    early = issue(premises, on=today - timedelta(days=30))
    opens = early.expires_on - timedelta(days=60)
    page = get_page(officer_client, f"/officer/premises/{premises.id}/certificates")
    assert f"Renewal opens on {opens.day} {opens:%B %Y}" in text_of(page)
    page = post_page(officer_client, f"/officer/certificates/{early.id}/renew")
    assert "Renewal opens on" in text_of(page) and early.status == CertificateStatus.ACTIVE

    early.issued_on, early.expires_on = today - timedelta(days=320), today + timedelta(days=44)
    db.session.commit()
    page = get_page(officer_client, f"/officer/premises/{premises.id}/certificates")
    assert page.select_one(f'a[href="/officer/certificates/{early.id}/renew"]') is not None
    post_page(officer_client, f"/officer/certificates/{early.id}/renew")
    renewed = db.session.get(Certificate, early.superseded_by_id)
    assert early.status == CertificateStatus.SUPERSEDED and renewed.status == CertificateStatus.ACTIVE
    assert renewed.issued_on == today and renewed.number != early.number


def test_a_replacement_sticker_is_counted_and_keeps_the_same_code(officer_client, business_user):
    certificate = issue(make_eligible_premises(business_user, on=date.today()), on=date.today())
    code = certificate.public_code
    response = officer_client.post(f"/officer/certificates/{certificate.id}/replacement-sticker")
    assert response.status_code == 200 and response.data.startswith(b"%PDF")
    assert certificate.sticker_reprints == 1 and certificate.public_code == code
    assert audit_actions(certificate.premises_id)[-1] == "certificate.sticker_reprinted"


def test_officers_download_any_certificate_and_print_its_stickers(officer_client, business_user):
    certificate = issue(make_eligible_premises(business_user, on=date.today()), on=date.today())
    response = officer_client.get(f"/officer/certificates/{certificate.id}/certificate.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF")
    assert f"{certificate.number}-certificate.pdf" in response.headers["Content-Disposition"]
    for serial in ("1", "2"):
        response = officer_client.post(f"/officer/certificates/{certificate.id}/stickers")
        assert response.status_code == 200 and response.data.startswith(b"%PDF")
        assert f"{certificate.number}-sticker-{serial}.pdf" in response.headers["Content-Disposition"]


def test_batch_print_for_an_area_streams_a_zip_of_its_valid_certificates(officer_client, business_user, officer):
    today = date.today()
    in_area = [issue(make_eligible_premises(business_user, on=today, area="Bocking"), on=today) for _ in range(2)]
    issue(make_eligible_premises(business_user, on=today, area="Great Notley"), on=today)
    from scheme.domain.certificates import lifecycle

    lifecycle.suspend_certificate(in_area[1].id, actor=officer, reason="Test visit failed", today=today)
    page = get_page(officer_client, "/officer/certificates/print")
    bocking = factories.area_id("Bocking")
    assert [(o.get_text(), o["value"]) for o in page.select("select option")] == [
        ("Bocking", str(bocking)), ("Great Notley", str(factories.area_id("Great Notley")))]
    response = officer_client.post("/officer/certificates/print", data={"area": str(bocking)})
    assert response.status_code == 200 and response.is_streamed
    archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    assert sorted(archive.namelist()) == [f"{in_area[0].number}-certificate.pdf", f"{in_area[0].number}-sticker.pdf"]
    batch = db.session.scalars(db.select(StickerBatch)).one()
    assert (batch.kind, batch.area, batch.sticker_count, batch.printed_by_id) == ("area", "Bocking", 1, officer.id)


def test_a_batch_download_stopped_half_way_closes_its_query_at_once(officer_client, business_user):
    from scheme.domain.certificates import lists, printing

    today = date.today()
    serials = {issue(make_eligible_premises(business_user, on=today, area="Bocking"), on=today).id: "1"
               for _ in range(2)}
    certificates = lists.valid_certificates_in_area(factories.area_id("Bocking"), today)
    chunks = printing.batch_zip(certificates, serials, "http://scheme.test")
    next(chunks)
    chunks.close()  # the officer's browser gave up after the first premises
    assert certificates.gi_frame is None  # closed, with its result (a server-side cursor on PostgreSQL)


def test_scans_of_revoked_and_replaced_certificates_are_highlighted(officer_client, business_user, officer, client):
    today = date.today()
    certificate = issue(make_eligible_premises(business_user, on=today), on=today)
    from scheme.domain.certificates import lifecycle

    lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Closure order")
    client.get(f"/v/{certificate.public_code}")
    client.get(f"/v/{certificate.public_code}")
    assert db.session.get(ScanCount, (certificate.id, "", today)).count == 2
    page = get_page(officer_client, "/officer/certificates/scans")
    row = page.select_one("table tbody tr")
    assert certificate.number in text_of(row) and "Revoked" in text_of(row)
    page = get_page(officer_client, f"/officer/premises/{certificate.premises_id}/certificates")
    assert "should no longer be on display" in text_of(page)


def test_scans_of_withdrawn_certificates_come_a_page_at_a_time_latest_first(officer_client, officer, monkeypatch):
    from scheme.domain.certificates import lifecycle, lists

    monkeypatch.setattr(lists, "SCANS_PAGE_SIZE", 2)
    today = date.today()
    numbers = []
    for days_ago in (3, 1, 2):
        owner = factories.make_user(email=f"owner{days_ago}@example.com")
        certificate = issue(make_eligible_premises(owner, on=today), on=today)
        lifecycle.revoke_certificate(certificate.id, actor=officer, reason="Closure order")
        db.session.add(ScanCount(certificate_id=certificate.id, serial="", day=today - timedelta(days=days_ago), count=1))
        numbers.append((days_ago, certificate.number))
    db.session.commit()
    latest_first = [number for _, number in sorted(numbers)]

    first = get_page(officer_client, "/officer/certificates/scans")
    second = get_page(officer_client, "/officer/certificates/scans?page=2")

    def listed(page):
        return [text_of(row.select_one("a")) for row in page.select("table tbody tr")]
    assert listed(first) == latest_first[:2]
    assert listed(second) == latest_first[2:]
    assert "page 1 of 2" in text_of(first)
    assert first.select_one('a[href="/officer/certificates/scans?page=2"]') is not None


def test_when_training_blocks_issuing_the_page_links_to_the_approvals_waiting_for_this_premises(
        officer_client, business_user):
    from scheme.enums import JobRole, TrainingEvidence
    from tests.factories_training import make_record

    premises = make_eligible_premises(business_user, on=date.today())
    module = factories.make_module(title="Toolbox", equivalent_allowed=True)
    newcomer = factories.make_staff(premises, name="Pat Waiting", job_role=JobRole.RECEPTION,
                                    started_on=date.today() - timedelta(days=200))
    make_record(newcomer, module, completed_on=date.today(), evidence=TrainingEvidence.EQUIVALENT_APPROVED)
    page = get_page(officer_client, f"/officer/premises/{premises.id}/certificates/issue")
    [link] = page.select(f'a[href="/officer/training-approvals?premises={premises.id}"]')
    assert text_of(link) == "Approve the training waiting for this premises (1)"
    approvals = get_page(officer_client, link["href"])
    [button] = approvals.select("main form button")
    # The button's words, with the person's name for screen readers: never its own markup.
    assert text_of(button) == "Approve the course of Pat Waiting" and "<span" not in button.get_text()
    assert button.select_one("span.govuk-visually-hidden") is not None
