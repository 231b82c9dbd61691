from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import event

from scheme.enums import ActionStatus, ApplicationStatus, CertificateStatus
from scheme.extensions import db
from scheme.models import ScanCount
from tests import factories
from tests.factories_officer import make_action, make_application, make_certificate
from tests.pages import get_page, post_page, text_of

TODAY = date.today()
DAY = timedelta(days=1)


def _count(page, key):
    return int(page.select_one(f"#queue-{key} [data-count]")["data-count"])


def _section(page, key):
    return text_of(page.select_one(f"#queue-{key}"))


def test_applications_awaiting_review_oldest_first_with_days_waiting(officer_client):
    make_application(name="Newer Hotel", days_ago=2)
    make_application(name="Older Hotel", days_ago=9)
    page = get_page(officer_client, "/officer/")
    assert _count(page, "review") == 2
    section = _section(page, "review")
    assert section.index("Older Hotel") < section.index("Newer Hotel")
    assert "waiting 9 days" in section


def test_the_queues_change_when_an_officer_approves(officer_client):
    premises = make_application(name="Kebab Corner")
    assert _count(get_page(officer_client, "/officer/"), "review") == 1
    post_page(officer_client, f"/officer/applications/{premises.id}", {})
    page = get_page(officer_client, "/officer/")
    assert _count(page, "review") == 0
    assert "Kebab Corner" in _section(page, "visits")  # a new member needs its first visit


def test_changes_requested_show_only_once_past_their_deadline(officer_client):
    factories.make_premises(status=ApplicationStatus.CHANGES_REQUESTED, changes_due_on=TODAY, name="Due Today")
    factories.make_premises(status=ApplicationStatus.CHANGES_REQUESTED, changes_due_on=TODAY - DAY, name="Late By One")
    section = _section(get_page(officer_client, "/officer/"), "changes")
    assert "Late By One" in section and "Due Today" not in section


def test_visits_due_and_overdue(officer_client):
    member = ApplicationStatus.MEMBER
    factories.make_premises(status=member, next_visit_due_on=TODAY - DAY, name="Overdue Inn")
    factories.make_premises(status=member, next_visit_due_on=TODAY, name="Due Today Inn")
    factories.make_premises(status=member, next_visit_due_on=TODAY + 30 * DAY, name="Due In 30 Days Inn")
    factories.make_premises(status=member, next_visit_due_on=TODAY + 31 * DAY, name="Not Yet Inn")
    factories.make_premises(status=member, next_visit_due_on=None, name="Never Visited Inn")
    page = get_page(officer_client, "/officer/queues/visits")
    text = text_of(page)
    assert "Overdue Inn: overdue since" in text
    assert "Due Today Inn: due" in text
    assert "Due In 30 Days Inn: due" in text
    assert "Never Visited Inn" in text
    assert "Not Yet Inn" not in text


def test_overdue_actions_exclude_due_today_and_done(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    make_action(premises, due_on=TODAY - DAY, description="Late poster")
    make_action(premises, due_on=TODAY, description="Poster due today")
    make_action(premises, due_on=TODAY - DAY, description="Done awaiting check", status=ActionStatus.DONE)
    page = get_page(officer_client, "/officer/")
    assert _count(page, "actions") == 1
    assert "Late poster" in _section(page, "actions")


def test_certificates_expiring_in_the_next_30_days(officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    soon = make_certificate(premises, expires_on=TODAY + 30 * DAY)
    make_certificate(factories.make_premises(status=ApplicationStatus.MEMBER), expires_on=TODAY + 31 * DAY)
    make_certificate(factories.make_premises(status=ApplicationStatus.MEMBER), expires_on=TODAY - DAY)
    make_certificate(factories.make_premises(status=ApplicationStatus.MEMBER), expires_on=TODAY + DAY,
                     status=CertificateStatus.SUSPENDED)
    page = get_page(officer_client, "/officer/")
    assert _count(page, "expiring") == 1
    assert soon.number in _section(page, "expiring")


def test_outcome_figures(officer_client):
    accredited = factories.make_premises(status=ApplicationStatus.MEMBER)
    certificate = make_certificate(accredited, expires_on=TODAY + 100 * DAY)
    lapsed = factories.make_premises(status=ApplicationStatus.MEMBER)
    make_certificate(lapsed, expires_on=TODAY - DAY)
    db.session.add_all([ScanCount(certificate_id=certificate.id, day=TODAY, count=5),
                        ScanCount(certificate_id=certificate.id, day=TODAY - 29 * DAY, count=2),
                        ScanCount(certificate_id=certificate.id, day=TODAY - 30 * DAY, count=100)])
    db.session.commit()
    page = get_page(officer_client, "/officer/")
    rows = {r.select("td")[0].get_text(strip=True): int(r.select("td")[1].get_text(strip=True))
            for r in page.select("table tbody tr")}
    assert rows["Accredited"] == 1 and rows["Lapsed (certificate expired)"] == 1
    assert page.select_one("#scans-30-days").get_text(strip=True) == "7"


def test_premises_by_status_counts_what_each_status_filter_lists(officer_client):
    for name, suspended_from in [("Ready Rooms", None), ("Pending Parlour", TODAY), ("Risky Rooms", TODAY + DAY)]:
        premises = factories.make_premises(name=name, status=ApplicationStatus.MEMBER)
        make_certificate(premises, expires_on=TODAY + 100 * DAY)
        premises.suspended_from = suspended_from  # the public page says "suspended pending checks" from then
    db.session.commit()
    page = get_page(officer_client, "/officer/")
    [table] = [t for t in page.select("table") if t.caption and t.caption.get_text(strip=True) == "Premises by status"]
    rows = {r.select_one("a")["href"]: int(r.select("td")[1].get_text(strip=True)) for r in table.select("tbody tr")}
    assert rows["/officer/premises?status=accredited"] == 2
    assert rows["/officer/premises?status=suspended_pending_checks"] == 1
    for href, count in rows.items():
        assert len(get_page(officer_client, href).select("table tbody tr")) == count, href


def _make_many(n):
    now = datetime.now(timezone.utc)
    for i in range(n):
        status = [ApplicationStatus.MEMBER, ApplicationStatus.SUBMITTED, ApplicationStatus.CHANGES_REQUESTED][i % 3]
        premises = factories.make_premises(status=status, submitted_at=now - timedelta(days=i % 20),
                                           changes_due_on=TODAY - DAY, next_visit_due_on=TODAY + (i % 40 - 10) * DAY)
        if status == ApplicationStatus.MEMBER:
            make_certificate(premises, expires_on=TODAY + (i % 60) * DAY)
            make_action(premises, due_on=TODAY - DAY)


def _queries_for(client, url):
    statements = []

    def count(conn, cursor, statement, *args):
        statements.append(statement)

    engine = db.session.get_bind()
    event.listen(engine, "before_cursor_execute", count)
    try:
        get_page(client, url)
    finally:
        event.remove(engine, "before_cursor_execute", count)
    return len(statements)


@pytest.mark.parametrize("url", ["/officer/", "/officer/premises", "/officer/premises?status=accredited&sort=status"])
def test_query_count_does_not_grow_with_the_number_of_premises(officer_client, url):
    _make_many(10)
    with_10 = _queries_for(officer_client, url)
    _make_many(190)
    with_200 = _queries_for(officer_client, url)
    print(f"{url}: {with_10} queries at 10 premises, {with_200} at 200")
    assert with_200 == with_10, f"{url}: {with_10} queries with 10 premises, {with_200} with 200"
    # Two statements for each of the eight queues, a few for the figures, and three for the
    # staff figures of the training queue's first few premises.
    assert 3 <= with_10 <= 33


def test_premises_whose_training_has_lapsed_and_staff_trained(officer_client):
    factories.make_module()
    premises = factories.make_premises(status=ApplicationStatus.MEMBER, name="Untrained Tavern")
    factories.make_staff(premises, is_safeguarding_lead=True)
    page = get_page(officer_client, "/officer/")
    assert "Untrained Tavern" in _section(page, "training")
    assert page.select_one("#staff-trained").get_text(strip=True).startswith("0 of 1")
