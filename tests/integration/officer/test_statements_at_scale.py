"""Every officer page that lists the scheme, and the public page, sends the same number of SQL
statements with 20 premises as with 200: nothing is read row by row, and no page loads a
whole table to show part of it. Counted by the database driver (see test_verify_queries)."""

import re
from datetime import date

import sqlalchemy as sa

from scheme.demo import load_reference_data
from scheme.domain.load_data import generate
from scheme.domain.register import statistics
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises, TrainingSession
from tests.integration.certificates.test_verify_queries import counted_statements

# A server-side cursor (the streamed CSV on PostgreSQL) reads one statement's rows in batches.
_CURSOR_READ = re.compile(r"\bFETCH\b|\bCLOSE\b|\bDECLARE\b", re.IGNORECASE)
MOST_HTML = 200_000


def _pages() -> list[str]:
    area = db.session.scalar(sa.select(Premises.area, Premises.id).order_by(Premises.id).limit(1))
    session_id = db.session.scalar(sa.select(TrainingSession.id).where(TrainingSession.closed_at.is_(None))
                                   .order_by(TrainingSession.id).limit(1))
    code = db.session.scalar(sa.select(Certificate.public_code).where(Certificate.status == CertificateStatus.ACTIVE)
                             .order_by(Certificate.id).limit(1))
    # The same premises (the first generated) at both sizes: its own pages must not grow either.
    first = db.session.scalar(sa.select(Premises.id).where(Premises.id.in_(
        sa.select(Certificate.premises_id))).order_by(Premises.id).limit(1))
    return [
        "/officer/",
        *(f"/officer/queues/{key}" for key in ("review", "changes", "visits", "actions", "expiring", "training", "at_risk",
                                               "test_visits")),
        f"/officer/queues/visits?area={area}",
        "/officer/queues/visits?page=2",
        "/officer/premises", "/officer/premises?sort=status", "/officer/premises?sort=next_visit",
        "/officer/premises?status=accredited&sort=postcode", "/officer/premises?q=station",
        f"/officer/premises?area={area}", "/officer/premises?page=9999",
        "/officer/premises.csv",
        "/officer/training-approvals", "/officer/training-lapsed", f"/officer/training-lapsed?area={area}",
        *([f"/officer/training-sessions/{session_id}?q=rose"] if session_id else []),
        "/officer/training-sessions",
        f"/officer/premises/{first}", f"/officer/premises/{first}/certificates",
        "/officer/certificates/print", "/officer/certificates/scans", "/officer/certificates/scans?page=2",
        "/officer/stickers/to-take-down", "/officer/stickers/reports",
        "/officer/audit-log", "/officer/figures",
        f"/v/{code}",
    ]


ADMIN_PAGES = ["/admin/", "/admin/users", "/admin/standards", "/admin/training-modules", "/admin/reporting-routes",
               "/admin/settings", "/admin/failed-emails"]


def _statements(client, path: str) -> tuple[int, int]:
    # Each request in production starts with an empty session; here they share the test's, so
    # what an earlier page left loaded would spare this one a statement at one size only.
    db.session.expunge_all()
    with counted_statements() as statements:
        response = client.get(path)
        body = response.get_data()  # a streamed response reads the database while it is sent
    assert response.status_code == 200, path
    return len([s for s in statements if not _CURSOR_READ.search(s)]), len(body)


def test_officer_pages_and_the_public_page_cost_the_same_statements_at_any_size(officer_client):
    today = date.today()
    load_reference_data()
    generate(20, today, seed=1)
    db.session.commit()
    statistics.keep_closed_months(today)  # as the nightly command does: the figures page reads them
    officer_client.get(_pages()[-1])  # the reporting routes' cache is filled on the first scan
    small = {path: _statements(officer_client, path) for path in _pages()}
    generate(180, today, seed=2)
    db.session.commit()
    large = {path: _statements(officer_client, path) for path in _pages()}

    assert db.session.scalar(sa.select(sa.func.count()).select_from(Premises)) == 200
    grew = {path: (small[path][0], large[path][0]) for path in small if small[path][0] != large[path][0]}
    assert not grew, f"statements at 20 and 200 premises: {grew}"
    assert [statements for path, (statements, _) in large.items() if path.startswith("/v/")][0] <= 3
    too_big = {path: size for path, (_, size) in large.items() if size > MOST_HTML and not path.endswith(".csv")}
    assert not too_big


def test_admin_pages_cost_the_same_statements_at_any_size(admin_client):
    today = date.today()
    load_reference_data()
    generate(20, today, seed=1)
    db.session.commit()
    small = {path: _statements(admin_client, path) for path in ADMIN_PAGES}
    generate(180, today, seed=2)
    db.session.commit()
    large = {path: _statements(admin_client, path) for path in ADMIN_PAGES}

    grew = {path: (small[path][0], large[path][0]) for path in small if small[path][0] != large[path][0]}
    assert not grew, f"statements at 20 and 200 premises: {grew}"
    assert not {path: size for path, (_, size) in large.items() if size > MOST_HTML}
