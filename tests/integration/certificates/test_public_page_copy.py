"""The public page's copy in each app process (public_page_copy): on PostgreSQL it answers a
scan as the database would, and every committed write that changes what the page reads
reaches it by the database's notices, whatever wrote it; on SQLite there is no copy and the
database answers. Each test commits for real, on a database of this module's own."""

import time
from datetime import date, timedelta

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from scheme.domain import reporting_routes
from scheme.domain.certificates import lifecycle, public_page_copy, public_page_lookup
from scheme.enums import Role, StickerStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises, Sticker
from tests import factories
from tests.conftest import dispose_app_engines, make_test_app
from tests.databases import backend, fresh_database
from tests.factories_officer import make_certificate, make_sticker
from tests.integration.certificates.conftest import make_eligible_premises

TODAY = date.today()
VALID_UNTIL = TODAY + timedelta(days=365)
COPIED = backend() == "postgresql"  # SQLite keeps no copy
CAUGHT_UP_WITHIN = 10  # seconds: notices come within milliseconds; this only bounds a failing test


@pytest.fixture(scope="module")
def copy_app():
    with fresh_database() as url:
        app = make_test_app(url, PUBLIC_PAGE_COPY=True)
        with app.app_context():
            upgrade()
            db.session.remove()
        try:
            yield app
        finally:
            dispose_app_engines(app)


@pytest.fixture
def officer(copy_app):
    with copy_app.app_context():
        user = factories.make_user(Role.OFFICER)
        db.session.expunge(user)
        yield user


def _copy(app) -> public_page_copy.PublicPageCopy | None:
    """This process's copy of the app's database, read and listening (None on SQLite)."""
    with app.app_context():
        public_page_copy.find("ANY", TODAY)
        copy = public_page_copy._copy(TODAY)
        if copy is None:
            return None
        deadline = time.monotonic() + CAUGHT_UP_WITHIN
        while not copy.ready and time.monotonic() < deadline:
            time.sleep(0.02)
        assert copy.ready
        return copy


def _answers(app, code: str, serial: str = "") -> tuple:
    """(the copy's answer, the database's answer) to a scan of code now."""
    with app.app_context():
        answer = public_page_copy.find(code, TODAY, serial), public_page_lookup.find(code, TODAY, serial)
        db.session.remove()
        return answer


def _caught_up(app, code: str, serial: str = "") -> public_page_lookup.Found | None:
    """The copy's answer once it agrees with the database (on SQLite: None, there is no copy)."""
    deadline = time.monotonic() + CAUGHT_UP_WITHIN
    copied, stored = _answers(app, code, serial)
    while COPIED and copied != stored and time.monotonic() < deadline:
        time.sleep(0.02)
        copied, stored = _answers(app, code, serial)
    if COPIED:
        assert copied == stored, "the copy never caught up with the database"
    else:
        assert copied is None
    return copied


def _certificate(app, **premises_fields) -> tuple[int, str]:
    with app.app_context():
        certificate = make_certificate(make_eligible_premises(on=TODAY, **premises_fields), expires_on=VALID_UNTIL)
        ids = certificate.id, certificate.public_code
        db.session.remove()
        return ids


def test_there_is_a_copy_on_postgresql_only(copy_app):
    assert (_copy(copy_app) is not None) is COPIED


def test_the_copy_answers_every_kind_of_certificate_as_the_database_does(copy_app):
    with copy_app.app_context():
        valid = make_certificate(make_eligible_premises(on=TODAY), expires_on=VALID_UNTIL)
        make_sticker(valid, serial="7")
        replaced = make_sticker(valid, serial="8")
        replaced.status, replaced.replaced_at = StickerStatus.REMOVED, sa.func.now()
        premises = make_eligible_premises(on=TODAY, trading_name="The Trading Name", home_based=True)
        expired = make_certificate(premises, expires_on=TODAY - timedelta(days=3))
        current = make_certificate(premises, expires_on=TODAY + timedelta(days=300))
        suspended = make_certificate(make_eligible_premises(on=TODAY), expires_on=VALID_UNTIL)
        db.session.commit()
        lifecycle.suspend_certificate(suspended.id, actor=factories.make_user(Role.OFFICER), reason="Checks",
                                      today=TODAY)
        scans = [(valid.public_code, ""), (valid.public_code, "7"), (valid.public_code, "8"),
                 (valid.public_code, "99"), (expired.public_code, ""), (current.public_code, ""),
                 (suspended.public_code, "")]
        db.session.remove()
    copy = _copy(copy_app)
    for code, serial in scans:
        copied, stored = _answers(copy_app, code, serial)
        assert stored.certificate is not None
        assert copied == (stored if COPIED else None), (code, serial)
    if COPIED:
        assert copy.find(expired.public_code, TODAY, "").current.number == current.number
        assert copy.find(valid.public_code, TODAY, "8").sticker.replaced


def test_a_suspension_reaches_the_copy(copy_app, officer):
    certificate_id, code = _certificate(copy_app)
    _copy(copy_app)
    assert _caught_up(copy_app, code) is None or _caught_up(copy_app, code).certificate.status == "active"
    with copy_app.app_context():
        lifecycle.suspend_certificate(certificate_id, actor=db.session.merge(officer), reason="Checks", today=TODAY)
        db.session.remove()
    copied = _caught_up(copy_app, code)
    assert copied is None or copied.certificate.status == "suspended"
    page = copy_app.test_client().get(f"/v/{code}").get_data(as_text=True)
    assert "suspended" in page.lower()


def test_a_premises_renamed_or_its_address_shown_reaches_the_copy(copy_app):
    _certificate_id, code = _certificate(copy_app, home_based=True)
    _copy(copy_app)
    before = _caught_up(copy_app, code)
    with copy_app.app_context():
        premises = db.session.scalar(sa.select(Premises).join(Certificate).where(Certificate.public_code == code))
        premises.trading_name, premises.show_home_address = "Renamed Rooms", True
        db.session.commit()
        db.session.remove()
    after = _caught_up(copy_app, code)
    if COPIED:
        assert after.premises.name == "Renamed Rooms" and after.premises.address != before.premises.address


def test_a_sticker_printed_or_replaced_reaches_the_copy(copy_app):
    certificate_id, code = _certificate(copy_app)
    _copy(copy_app)
    assert _caught_up(copy_app, code, "3") is None or not _caught_up(copy_app, code, "3").sticker.known
    with copy_app.app_context():
        sticker = make_sticker(db.session.get(Certificate, certificate_id), serial="3")
        sticker_id = sticker.id
        db.session.remove()
    printed = _caught_up(copy_app, code, "3")
    assert printed is None or printed.sticker.known and not printed.sticker.replaced
    with copy_app.app_context():
        db.session.execute(sa.update(Sticker).where(Sticker.id == sticker_id).values(
            status=StickerStatus.REMOVED, replaced_at=sa.func.now()))
        db.session.commit()
    replaced = _caught_up(copy_app, code, "3")
    assert replaced is None or replaced.sticker.replaced


def test_a_new_certificate_and_a_removed_one_reach_the_copy(copy_app):
    with copy_app.app_context():
        premises = make_eligible_premises(on=TODAY)
        old = make_certificate(premises, expires_on=TODAY - timedelta(days=1))
        old_code, premises_id = old.public_code, premises.id
        db.session.remove()
    _copy(copy_app)
    expired = _caught_up(copy_app, old_code)
    assert expired is None or expired.current.number == expired.certificate.number  # its own, expired
    with copy_app.app_context():
        new = make_certificate(db.session.get(Premises, premises_id), expires_on=TODAY + timedelta(days=200))
        new_code = new.public_code
        db.session.remove()
    renewed = _caught_up(copy_app, old_code)
    assert renewed is None or renewed.current.number == _answers(copy_app, new_code)[1].certificate.number
    assert _caught_up(copy_app, new_code) is None or _caught_up(copy_app, new_code).certificate is not None
    with copy_app.app_context():
        db.session.execute(sa.delete(Certificate).where(Certificate.public_code == new_code))
        db.session.commit()
    with copy_app.app_context():
        deadline = time.monotonic() + CAUGHT_UP_WITHIN
        while public_page_copy.find(new_code, TODAY) is not None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert public_page_copy.find(new_code, TODAY) is None  # gone from the copy: the database answers
    assert copy_app.test_client().get(f"/v/{new_code}").status_code == 404
    back_to_expired = _caught_up(copy_app, old_code)
    assert back_to_expired is None or back_to_expired.current.number == back_to_expired.certificate.number


def test_a_change_of_reporting_routes_reaches_the_copy(copy_app):
    _certificate_id, code = _certificate(copy_app)
    _copy(copy_app)
    before = _caught_up(copy_app, code)
    with copy_app.app_context():
        reporting_routes.bump_version()
        db.session.commit()
    after = _caught_up(copy_app, code)
    if COPIED:
        assert after.routes_version != before.routes_version


def test_a_new_day_is_read_for_and_meanwhile_the_database_answers(copy_app):
    _certificate_id, code = _certificate(copy_app)
    copy = _copy(copy_app)
    if not COPIED:
        return
    tomorrow = TODAY + timedelta(days=1)
    with copy_app.app_context():
        assert copy.find(code, tomorrow, "") is None  # read for today: the database answers tomorrow's scan
        deadline = time.monotonic() + CAUGHT_UP_WITHIN
        while copy.find(code, tomorrow, "") is None and time.monotonic() < deadline:
            time.sleep(0.02)
        assert copy.find(code, tomorrow, "") == public_page_lookup.find(code, tomorrow, "")
        assert copy.find(code, TODAY, "") is None
        public_page_copy.stop_all()  # the next test's copy reads for today again


def test_a_lost_connection_stops_the_copy_answering_until_it_is_back(copy_app, officer):
    certificate_id, code = _certificate(copy_app)
    copy = _copy(copy_app)
    if not COPIED:
        return
    with copy_app.app_context():
        listening = db.session.scalars(sa.text(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'")).all()
        assert len(listening) == 1
        reads = copy.reads
        db.session.execute(sa.text("SELECT pg_terminate_backend(:pid)"), {"pid": listening[0]})
        # What is written while the copy is not listening must still be seen once it is back.
        lifecycle.suspend_certificate(certificate_id, actor=db.session.merge(officer), reason="Checks", today=TODAY)
        db.session.remove()
    deadline = time.monotonic() + CAUGHT_UP_WITHIN
    while copy.ready and time.monotonic() < deadline:
        time.sleep(0.01)
    page = copy_app.test_client().get(f"/v/{code}").get_data(as_text=True)
    assert "suspended" in page.lower()
    deadline = time.monotonic() + CAUGHT_UP_WITHIN
    while not (copy.ready and copy.reads > reads) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert copy.ready and copy.reads > reads
    assert _caught_up(copy_app, code).certificate.status == "suspended"
