import csv
import io
from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.premises.search import PAGE_SIZE
from scheme.enums import ApplicationStatus, CertificateStatus, PremisesType
from scheme.extensions import db
from scheme.models import AuditLogEntry, Premises
from tests import factories
from tests.factories_officer import make_action, make_application, make_certificate
from tests.pages import get_page, text_of

TODAY = date.today()


def _names(page):
    return [a.get_text(strip=True) for a in page.select("table tbody tr td:first-child a")]


def test_search_by_name_postcode_or_certificate_number(officer_client):
    horn = factories.make_premises(name="The Horn Hotel", postcode="CM7 1JX", status=ApplicationStatus.MEMBER)
    swan = factories.make_premises(name="The Swan", postcode="CM7 9AT", status=ApplicationStatus.MEMBER)
    certificate = make_certificate(swan, expires_on=TODAY + timedelta(days=200))
    assert _names(get_page(officer_client, "/officer/premises?q=horn")) == ["The Horn Hotel"]
    assert _names(get_page(officer_client, "/officer/premises?q=cm79at")) == ["The Swan"]
    assert _names(get_page(officer_client, f"/officer/premises?q={certificate.number.lower()}")) == ["The Swan"]
    assert horn.id != swan.id


def test_filter_by_derived_status_type_and_area(officer_client):
    accredited = factories.make_premises(name="Accredited Arms", status=ApplicationStatus.MEMBER, area="Bocking",
                                         premises_type=PremisesType.PUB)
    make_certificate(accredited, expires_on=TODAY)  # the last valid day
    lapsed = factories.make_premises(name="Lapsed Lodge", status=ApplicationStatus.MEMBER, area="Bocking")
    make_certificate(lapsed, expires_on=TODAY - timedelta(days=1))
    factories.make_premises(name="Draft Diner", area="Great Notley", premises_type=PremisesType.TAKEAWAY)
    assert _names(get_page(officer_client, "/officer/premises?status=accredited")) == ["Accredited Arms"]
    assert _names(get_page(officer_client, "/officer/premises?status=lapsed")) == ["Lapsed Lodge"]
    assert _names(get_page(officer_client, "/officer/premises?type=takeaway")) == ["Draft Diner"]
    assert _names(get_page(officer_client, "/officer/premises?area=Bocking&sort=name")) == ["Accredited Arms", "Lapsed Lodge"]


def test_an_accredited_premises_suspended_pending_checks_is_listed_and_filtered_as_the_public_sees_it(officer_client):
    pending = factories.make_premises(name="Pending Parlour", status=ApplicationStatus.MEMBER)
    make_certificate(pending, expires_on=TODAY + timedelta(days=200))
    at_risk = factories.make_premises(name="Risky Rooms", status=ApplicationStatus.MEMBER)
    make_certificate(at_risk, expires_on=TODAY + timedelta(days=200))
    pending.suspended_from = TODAY  # the public page says "suspended pending checks" from today
    at_risk.suspended_from = TODAY + timedelta(days=1)  # still counts today
    db.session.commit()

    rows = {text_of(row.select_one("td a")): text_of(row) for row in
            get_page(officer_client, "/officer/premises").select("table tbody tr")}
    assert "Suspended pending checks" in rows["Pending Parlour"] and "Accredited" not in rows["Pending Parlour"]
    assert "Accredited" in rows["Risky Rooms"] and "Suspended pending checks" not in rows["Risky Rooms"]
    assert _names(get_page(officer_client, "/officer/premises?status=accredited")) == ["Risky Rooms"]
    page = get_page(officer_client, "/officer/premises?status=suspended_pending_checks")
    assert _names(page) == ["Pending Parlour"]
    assert page.select_one('select[name="status"] option[value="suspended_pending_checks"]').has_attr("selected")
    exported = list(csv.reader(io.StringIO(officer_client.get("/officer/premises.csv").get_data(as_text=True))))
    assert {row[0]: row[6] for row in exported[1:]} == {"Pending Parlour": "Suspended pending checks",
                                                        "Risky Rooms": "Accredited"}
    shown = get_page(officer_client, f"/officer/premises/{pending.id}")
    assert text_of(shown.select_one("#premises-status")) == "Suspended pending checks"
    assert text_of(get_page(officer_client, f"/officer/premises/{at_risk.id}").select_one("#premises-status")) == "Accredited"


def test_sort_by_next_visit(officer_client):
    factories.make_premises(name="A Later", next_visit_due_on=TODAY + timedelta(days=9))
    factories.make_premises(name="B Sooner", next_visit_due_on=TODAY + timedelta(days=1))
    assert _names(get_page(officer_client, "/officer/premises?sort=next_visit"))[:2] == ["B Sooner", "A Later"]


def _one_in_every_status() -> None:
    for status in (ApplicationStatus.DRAFT, ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED,
                   ApplicationStatus.REJECTED, ApplicationStatus.MEMBER):
        factories.make_premises(name=f"Z {status.value}", status=status)
    for name, expires_on, status in [("Y accredited", TODAY, CertificateStatus.ACTIVE),
                                     ("X lapsed", TODAY - timedelta(days=1), CertificateStatus.ACTIVE),
                                     ("W suspended", TODAY + timedelta(days=9), CertificateStatus.SUSPENDED),
                                     ("V revoked", TODAY + timedelta(days=9), CertificateStatus.REVOKED),
                                     ("U pending checks", TODAY + timedelta(days=9), CertificateStatus.ACTIVE)]:
        premises = factories.make_premises(name=name, status=ApplicationStatus.MEMBER)
        make_certificate(premises, expires_on=expires_on, status=status)
    db.session.execute(sa.update(Premises).where(Premises.name == "U pending checks").values(suspended_from=TODAY))
    # A superseded certificate never counts: this one's current certificate is the active one.
    renewed = factories.make_premises(name="T accredited, renewed", status=ApplicationStatus.MEMBER)
    make_certificate(renewed, expires_on=TODAY + timedelta(days=9))
    make_certificate(renewed, expires_on=TODAY - timedelta(days=300), status=CertificateStatus.SUPERSEDED)
    db.session.commit()


def test_sort_by_status_follows_the_labels_officers_read_whatever_the_page(officer_client, monkeypatch):
    _one_in_every_status()
    page = get_page(officer_client, "/officer/premises?sort=status")
    listed = list(zip(_names(page), (text_of(row) for row in page.select("table tbody tr")), strict=True))
    expected = ["T accredited, renewed", "Y accredited", "Z changes_requested", "Z draft", "X lapsed", "Z member",
                "Z rejected", "V revoked", "Z submitted", "W suspended", "U pending checks"]
    assert [name for name, _ in listed] == expected
    assert "Suspended pending checks" in listed[-1][1]
    # Picked a page at a time, further pages follow on in the same order.
    monkeypatch.setattr("scheme.domain.premises.search.PAGE_SIZE", 4)
    paged = [name for n in (1, 2, 3) for name in _names(get_page(officer_client, f"/officer/premises?sort=status&page={n}"))]
    assert paged == expected
    paged_by_name = [name for n in (1, 2, 3) for name in _names(get_page(officer_client, f"/officer/premises?page={n}"))]
    assert paged_by_name == sorted(expected)


def test_the_list_is_paginated(officer_client):
    for n in range(PAGE_SIZE + 3):
        factories.make_premises(name=f"Premises {n:03d}")
    first = get_page(officer_client, "/officer/premises")
    assert len(_names(first)) == PAGE_SIZE
    assert first.select_one(".govuk-pagination__next a") is not None
    assert len(_names(get_page(officer_client, "/officer/premises?page=2"))) == 3


def test_csv_export_of_the_filtered_list_neutralises_formulas(officer_client):
    factories.make_premises(name="=HYPERLINK(\"http://evil\")", area="Bocking")
    factories.make_premises(name="Elsewhere", area="Great Notley")
    response = officer_client.get("/officer/premises.csv?area=Bocking")
    assert response.status_code == 200 and response.mimetype == "text/csv"
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0][0] == "\ufeffName"
    assert [row[0] for row in rows[1:]] == ["'=HYPERLINK(\"http://evil\")"]
    assert db.session.scalar(db.select(AuditLogEntry.action).where(AuditLogEntry.action == "premises.exported"))


def test_the_premises_page_shows_its_history_actions_and_certificates(officer, officer_client):
    version = factories.make_standards_version()
    premises = make_application(version=version, name="Castle Cabs")
    audit_log.record(officer, "application.approved", premises_id=premises.id)
    make_action(premises, due_on=TODAY - timedelta(days=1), description="Register the drivers")
    certificate = make_certificate(premises, expires_on=TODAY + timedelta(days=90))
    db.session.commit()
    text = text_of(get_page(officer_client, f"/officer/premises/{premises.id}"))
    assert "Register the drivers" in text and "Overdue" in text
    assert certificate.number in text
    assert f"Standards version {version.number}" in text
    assert "Application approved: now a member by Olu Officer" in text


def test_audit_log_viewer_filters_by_premises_user_and_action(officer, officer_client):
    first = factories.make_premises(name="First Place")
    second = factories.make_premises(name="Second Place")
    audit_log.record(officer, "application.approved", premises_id=first.id, details="first approved")
    audit_log.record(None, "visit.started", premises_id=second.id, details="second visited")
    db.session.commit()
    text = text_of(get_page(officer_client, f"/officer/audit-log?premises={first.id}"))
    assert "first approved" in text and "second visited" not in text
    text = text_of(get_page(officer_client, "/officer/audit-log?action=visit."))
    assert "second visited" in text and "first approved" not in text
    text = text_of(get_page(officer_client, f"/officer/audit-log?user={officer.id}&from={TODAY.isoformat()}"))
    assert "first approved" in text and "second visited" not in text
    tomorrow = (TODAY + timedelta(days=1)).isoformat()
    assert "No entries match" in text_of(get_page(officer_client, f"/officer/audit-log?from={tomorrow}"))


def test_a_readiness_entry_shows_its_causes_in_words_not_codes(officer_client):
    premises = factories.make_premises(name="Golden Dragon")
    audit_log.record(None, "readiness.at_risk", premises_id=premises.id, details="action_overdue")
    db.session.commit()
    for url in (f"/officer/premises/{premises.id}", f"/officer/audit-log?premises={premises.id}"):
        text = text_of(get_page(officer_client, url))
        assert "At risk: the business and officers told: a mandatory action is past its due date" in text, url
        assert "action_overdue" not in text, url
