"""A business and an officer changing the same premises' training at the same moment, on
separate connections (as two app servers would): one change to the same person wins and the
other is told; changes to different rows both stand; either way the readiness kept on the
premises is what the rule says from what was saved."""

import threading
from datetime import date, timedelta

from flask_migrate import upgrade
from sqlalchemy.exc import OperationalError
from sqlalchemy.pool import NullPool

from scheme.domain import clock
from scheme.domain.errors import StaleEdit
from scheme.domain.premises import readiness
from scheme.domain.premises.readiness_rule import Stored
from scheme.domain.training import records, staff
from scheme.enums import JobRole, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import Premises, StaffMember, TrainingModule, User
from tests import factories
from tests.conftest import make_test_app
from tests.databases import fresh_database
from tests.integration.certificates.conftest import BASE_URL, make_eligible_premises

TODAY = date(2026, 11, 29)


def _race(app, *work):
    """Run each piece of work in its own thread and app context, all released at once."""
    start = threading.Barrier(len(work))
    outcomes: list = [None] * len(work)

    def run(index, job):
        with app.app_context(), clock.on(TODAY):
            try:
                users = {user.id: user for user in db.session.scalars(db.select(User))}
                db.session.rollback()  # end the read: the change is each one's first lock
                start.wait(timeout=30)
                outcomes[index] = job(users)
            except BaseException as error:  # compared below
                outcomes[index] = error
            finally:
                db.session.remove()

    threads = [threading.Thread(target=run, args=(n, job)) for n, job in enumerate(work)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return outcomes


def _kept_and_from_scratch(app, premises_id):
    with app.app_context():
        row = db.session.get(Premises, premises_id)
        kept = Stored(row.ready_until, row.suspended_from)
        # From scratch: what the rule says of the saved data, for a write today after that.
        return kept, readiness.computed(premises_id, kept, TODAY)


def _set_up(url):
    app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
    with app.app_context(), clock.on(TODAY):
        upgrade()
        owner = factories.make_user(Role.BUSINESS)
        officer = factories.make_user(Role.OFFICER)
        premises = make_eligible_premises(owner, on=TODAY)
        from scheme.domain.certificates import lifecycle

        lifecycle.issue_certificate(premises.id, actor=officer, today=TODAY, base_url=BASE_URL)
        person = staff.add_staff(owner, premises.id, staff.StaffDetails("Sam Newstart", JobRole.RECEPTION,
                                                                       TODAY - timedelta(weeks=10)))
        module_id = db.session.scalars(db.select(TrainingModule.id).where(TrainingModule.active.is_(True))).first()
        ids = (owner.id, officer.id, premises.id, person.id, person.revision, module_id)
        db.session.remove()
    return app, ids


def test_two_changes_to_one_person_at_once_one_wins_and_the_other_is_told():
    with fresh_database() as url:
        app, (owner_id, officer_id, premises_id, person_id, revision, _module) = _set_up(url)
        leaves = staff.StaffDetails("Sam Newstart", JobRole.RECEPTION, TODAY - timedelta(weeks=10), left_on=TODAY)
        renamed = staff.StaffDetails("Samuel Newstart", JobRole.KITCHEN, TODAY - timedelta(weeks=10))
        outcomes = _race(
            app,
            lambda users: staff.update_staff(users[owner_id], person_id, leaves, revision).id,
            lambda users: staff.update_staff(users[officer_id], person_id, renamed, revision).id,
        )
        assert sorted(type(outcome).__name__ for outcome in outcomes) == ["StaleEdit", "int"], outcomes
        assert "Someone else changed" in str(next(o for o in outcomes if isinstance(o, StaleEdit)))
        with app.app_context():
            saved = db.session.get(StaffMember, person_id)
            winner = leaves if outcomes[0] == person_id else renamed
            assert (saved.name, saved.left_on, saved.revision) == (winner.name, winner.left_on, revision + 1)
        kept, from_scratch = _kept_and_from_scratch(app, premises_id)
        assert kept == from_scratch
        # Sam leaving today puts the premises right; renaming Sam does not.
        assert kept.at_risk_on(TODAY) is (winner is renamed)
        with app.app_context():
            db.engine.dispose()


def test_changes_to_different_rows_at_once_both_stand_and_readiness_sees_both():
    with fresh_database() as url:
        app, (owner_id, officer_id, premises_id, person_id, _revision, module_id) = _set_up(url)
        second = staff.StaffDetails("Alex Later", JobRole.RECEPTION, TODAY - timedelta(weeks=12))
        training = records.RecordDetails(module_id, TODAY, TrainingEvidence.IMPORTED)
        work = [lambda users: staff.add_staff(users[owner_id], premises_id, second).id,
                lambda users: records.record_training(users[officer_id], person_id, training, TODAY).id]
        outcomes = _race(app, *work)
        if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
            # SQLite has one writer at a time: a second transaction that read before the first
            # wrote is refused ("database is locked", the busy page), and the user tries again.
            for n, outcome in enumerate(outcomes):
                if isinstance(outcome, OperationalError) and "locked" in str(outcome):
                    [outcomes[n]] = _race(app, work[n])
        assert all(isinstance(outcome, int) for outcome in outcomes), outcomes
        kept, from_scratch = _kept_and_from_scratch(app, premises_id)
        assert kept == from_scratch
        # Sam is trained now, Alex is not: still at risk, because of Alex.
        assert kept.at_risk_on(TODAY)
        with app.app_context():
            db.engine.dispose()
