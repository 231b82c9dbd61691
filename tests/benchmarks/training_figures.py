"""Measure the training queue and the CSV import (figures for the report, not a test).

    .venv/bin/python -m tests.benchmarks.training_figures            # SQLite in a temporary folder
    TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres .venv/bin/python -m tests.benchmarks.training_figures

Builds a fresh database per size (N member premises, 10 staff each, 3 modules, a record per
person per module, half the premises with a lapsed record), then times
non_compliant_premises() and counts its SQL statements; then imports a 5,000-row CSV.
"""

import sys
import time
from contextlib import contextmanager
from datetime import date, timedelta

import sqlalchemy as sa
from flask_migrate import upgrade

from scheme.domain.accounts import passwords
from scheme.domain.training import (
    imports,
    non_compliant_premises,
    trained_staff_figures,
)
from scheme.enums import (
    ApplicationStatus,
    JobRole,
    PremisesType,
    Role,
    TrainingEvidence,
)
from scheme.extensions import db
from scheme.models import Premises, StaffMember, TrainingModule, TrainingRecord, User
from tests import factories
from tests.conftest import make_test_app
from tests.databases import backend, fresh_database

ON = date(2026, 6, 15)
STAFF_PER_PREMISES = 10


@contextmanager
def fresh_app():
    with fresh_database() as url:
        app = make_test_app(url)
        with app.app_context():
            upgrade()
            try:
                yield app
            finally:
                db.session.remove()
                db.engine.dispose()


def _modules() -> list[TrainingModule]:
    modules = [
        TrainingModule(title="Spot It Stop It briefing", provider="Scheme", validity_months=24,
                       required_roles=[role.value for role in JobRole]),
        TrainingModule(title="CSE awareness online course", provider="NWG", validity_months=12,
                       required_roles=["manager", "night_manager", "reception"]),
        TrainingModule(title="SET CSE Toolbox training", provider="SET", validity_months=36, required_roles=["manager"]),
    ]
    db.session.add_all(modules)
    db.session.flush()
    return modules


def seed(premises_count: int) -> None:
    modules = _modules()
    roles = list(JobRole)
    for n in range(premises_count):
        premises = Premises(name=f"Premises {n:05d}", premises_type=PremisesType.HOTEL, address_line_1="1 High St",
                            town="Braintree", postcode="CM7 1JX", area_id=factories.area_id("Braintree Town"), status=ApplicationStatus.MEMBER)
        db.session.add(premises)
        for s in range(STAFF_PER_PREMISES):
            person = StaffMember(premises=premises, name=f"Person {n}-{s}", job_role=roles[s % len(roles)],
                                 is_safeguarding_lead=s == 0, started_on=ON - timedelta(days=400))
            lapsed = n % 2 == 1 and s == 3
            for module in modules:
                person.records.append(TrainingRecord(
                    module_id=module.id, completed_on=ON - timedelta(days=300),
                    expires_on=ON - timedelta(days=1) if lapsed else ON + timedelta(days=60 + s),
                    evidence=TrainingEvidence.IMPORTED))
            db.session.add(person)
    db.session.commit()


def measure_queue(premises_count: int) -> None:
    with fresh_app():
        seed(premises_count)
        statements = []
        listener = lambda *args: statements.append(args[2])  # noqa: E731
        sa.event.listen(db.engine, "before_cursor_execute", listener)
        started = time.perf_counter()
        queue = non_compliant_premises(ON)
        elapsed = time.perf_counter() - started
        sa.event.remove(db.engine, "before_cursor_execute", listener)
        figures = trained_staff_figures(ON)
        print(f"{backend()}: {premises_count} premises, {premises_count * STAFF_PER_PREMISES} staff, "
              f"{premises_count * STAFF_PER_PREMISES * 3} records: queue of {len(queue)} in {elapsed * 1000:.0f} ms "
              f"with {len(statements)} SQL statements; trained staff {figures[0]} of {figures[1]}")


def measure_import(rows: int = 5000) -> None:
    passwords.use_cheap_hashing_for_tests()
    with fresh_app():
        _modules()
        owner = User(email="owner@example.com", name="Owner", role=Role.BUSINESS, password_hash="x")
        premises = Premises(name="Big Chain", premises_type=PremisesType.HOTEL, address_line_1="1 High St",
                            town="Braintree", postcode="CM7 1JX", area_id=factories.area_id("Braintree Town"), status=ApplicationStatus.MEMBER)
        db.session.add_all([owner, premises])
        db.session.flush()
        from scheme.models import PremisesMember

        db.session.add(PremisesMember(premises_id=premises.id, user_id=owner.id))
        db.session.commit()
        lines = ["name,job_role,started_on,left_on,module,completed_on"] + [
            f"Person {n},Reception,01/01/2025,,Spot It Stop It briefing,{1 + n % 28:02d}/02/2026" for n in range(rows)
        ]
        content = "\n".join(lines).encode()
        started = time.perf_counter()
        stored = imports.upload_import(owner, premises.id, "big.csv", content, ON)
        checked = time.perf_counter()
        imports.preview_import(owner, premises.id, stored.id, ON)
        previewed = time.perf_counter()
        result = imports.run_import(owner, premises.id, stored.id, False, ON)
        done = time.perf_counter()
        print(f"{backend()}: import of {rows} rows ({len(content) // 1024} KB): upload and check "
              f"{(checked - started) * 1000:.0f} ms, preview {(previewed - checked) * 1000:.0f} ms, "
              f"import {(done - previewed) * 1000:.0f} ms ({result.staff_added} staff, "
              f"{result.completions_added} completions)")


if __name__ == "__main__":
    sizes = [int(arg) for arg in sys.argv[1:]] or [50, 500]
    for size in sizes:
        measure_queue(size)
    measure_import()
