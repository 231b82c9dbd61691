"""Count the SQL statements a page sends, in all and while its template renders (figures for
the report, not a test).

    .venv/bin/python -m tests.benchmarks.statements_per_page            # SQLite in a temporary folder
    TEST_DATABASE_URL=postgresql+psycopg://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tests.benchmarks.statements_per_page

For N standards (5, 20, 50): an officer's on-site visit to a member premises, every standard
answered with a photo, 5 open actions; the officer's page of that premises (3 certificates,
2 finished visits); and the home page of a business user who manages 5 premises.
"""

import sys
from contextlib import contextmanager
from datetime import date, timedelta

from flask import before_render_template, g, request_started, template_rendered
from flask_login import FlaskLoginClient
from flask_migrate import upgrade
from sqlalchemy import event
from sqlalchemy.engine import Engine

from scheme.domain.accounts import passwords
from scheme.domain.visits import audits
from scheme.enums import Answer, ApplicationStatus, CertificateStatus, Role
from scheme.extensions import db
from scheme.models import AssessmentAnswer, EvidencePhoto, Premises
from tests import factories
from tests.conftest import make_test_app
from tests.databases import backend, fresh_database
from tests.factories_officer import make_action, make_certificate, make_finished_visit

SIZES = (5, 20, 50)
TODAY = date.today()


class StatementCounter:
    def __init__(self):
        self.total = 0
        self.rendering = 0
        self._depth = 0

    def __enter__(self):
        before_render_template.connect(self._before)
        template_rendered.connect(self._after)
        event.listen(Engine, "before_cursor_execute", self._statement)
        return self

    def __exit__(self, *exc):
        event.remove(Engine, "before_cursor_execute", self._statement)
        template_rendered.disconnect(self._after)
        before_render_template.disconnect(self._before)

    def _before(self, sender, **extra):
        self._depth += 1

    def _after(self, sender, **extra):
        self._depth -= 1

    def _statement(self, *args):
        self.total += 1
        self.rendering += self._depth > 0


@contextmanager
def fresh_app():
    with fresh_database() as url:
        app = make_test_app(url)
        app.test_client_class = FlaskLoginClient
        request_started.connect(_forget_signed_in_user, app)
        with app.app_context():
            upgrade()
            try:
                yield app
            finally:
                db.session.remove()
                for engine in db.engines.values():
                    engine.dispose()


def _visit_with_photos(officer, premises_id: int) -> int:
    visit = audits.start_visit(officer, premises_id, TODAY)
    answers = db.session.scalars(db.select(AssessmentAnswer).where(AssessmentAnswer.assessment_id == visit.id)).all()
    for answer in answers:
        answer.answer, answer.note = Answer.MET, "In place"
        db.session.add(EvidencePhoto(answer_id=answer.id, content_type="image/png", content=b"\x89PNG" + b"0" * 50_000,
                                     uploaded_by_id=officer.id))
    db.session.commit()
    return visit.id


def _forget_signed_in_user(sender, **extra):
    # The requests share this app context: flask-login's user cached on g would carry over.
    g.pop("_login_user", None)


def _count(app, user, path: str) -> StatementCounter:
    client = app.test_client(user=user)
    client.get(path)  # the first request warms what is cached per process
    db.session.expire_all()
    with StatementCounter() as counter:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return counter


def measure(size: int) -> dict[str, StatementCounter]:
    with fresh_app() as app:
        officer = factories.make_user(Role.OFFICER, name="Olu Officer")
        owner = factories.make_user(Role.BUSINESS, name="Bea Business")
        version = factories.make_standards_version(codes=tuple(f"S{n}" for n in range(1, size + 1)))
        premises = factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER)
        for others in range(4):
            factories.make_premises(owner=owner, status=ApplicationStatus.MEMBER)
        for years_ago, status in ((2, CertificateStatus.SUPERSEDED), (1, CertificateStatus.SUPERSEDED),
                                  (0, CertificateStatus.ACTIVE)):
            make_certificate(premises, expires_on=TODAY + timedelta(days=300 - 365 * years_ago), status=status)
        for days_ago in (400, 30):
            make_finished_visit(premises, version, {}, visit_date=TODAY - timedelta(days=days_ago), officer=officer)
        for n in range(5):
            make_action(premises, due_on=TODAY + timedelta(days=n * 7 - 10))
        visit_id = _visit_with_photos(officer, premises.id)
        premises_id = premises.id
        return {
            "on-site visit": _count(app, officer, f"/officer/visits/{visit_id}"),
            "officer premises page": _count(app, officer, f"/officer/premises/{premises_id}"),
            "business home (5 premises)": _count(app, owner, "/business/"),
        }


def main() -> None:
    passwords.use_cheap_hashing_for_tests()
    print(f"database: {backend()}")
    print(f"{'page':<28} {'standards':>9} {'statements':>10} {'while rendering':>16}")
    for size in SIZES:
        for page, counter in measure(size).items():
            print(f"{page:<28} {size:>9} {counter.total:>10} {counter.rendering:>16}")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
