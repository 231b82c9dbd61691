"""Certificate numbers come from the database: concurrent issuers on separate connections
(as two app servers would be) never get the same number."""

import threading
from datetime import date

from flask_migrate import upgrade
from sqlalchemy.pool import NullPool

from scheme.domain.certificates import lifecycle
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import Certificate, User
from tests import factories
from tests.conftest import make_test_app
from tests.databases import fresh_database
from tests.integration.certificates.conftest import BASE_URL, make_eligible_premises

ISSUERS = 8
TODAY = date(2026, 11, 29)


def test_concurrent_issuers_get_unique_consecutive_numbers():
    with fresh_database() as url:
        # Each issuer's connection is closed when it is done, so none outlives the database.
        app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
        with app.app_context():
            upgrade()
            premises_ids = [make_eligible_premises(on=TODAY).id for _ in range(ISSUERS)]
            officer_id = factories.make_user(Role.OFFICER).id
            db.session.remove()

        start = threading.Barrier(ISSUERS)
        numbers: list[str] = []
        errors: list[BaseException] = []

        def issue(premises_id: int) -> None:
            with app.app_context():
                try:
                    officer = db.session.get(User, officer_id)
                    # End the read, so that taking the number is the issue's first lock (on SQLite).
                    db.session.rollback()
                    start.wait(timeout=30)
                    numbers.append(lifecycle.issue_certificate(premises_id, actor=officer, today=TODAY,
                                                               base_url=BASE_URL).number)
                except BaseException as error:  # reported below, with the numbers that were issued
                    errors.append(error)
                finally:
                    db.session.remove()

        threads = [threading.Thread(target=issue, args=(premises_id,)) for premises_id in premises_ids]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)

        assert errors == []
        assert sorted(numbers) == [f"SISI-2026-{n:05d}" for n in range(1, ISSUERS + 1)]
        with app.app_context():
            stored = db.session.scalars(db.select(Certificate.number)).all()
            assert sorted(stored) == sorted(numbers)
            db.engine.dispose()


def test_numbers_restart_each_year(app, business_user, officer):
    first = make_eligible_premises(business_user, on=date(2026, 12, 20))
    second = make_eligible_premises(business_user, on=date(2027, 1, 2))
    december = lifecycle.issue_certificate(first.id, actor=officer, today=date(2026, 12, 31), base_url=BASE_URL)
    january = lifecycle.issue_certificate(second.id, actor=officer, today=date(2027, 1, 1), base_url=BASE_URL)
    assert december.number.startswith("SISI-2026-")
    assert january.number == "SISI-2027-00001"
