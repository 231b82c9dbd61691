import re
from datetime import date

import sqlalchemy as sa

from scheme.demo import DEMO_PASSWORD
from scheme.domain.accounts import users
from scheme.domain.accounts.passwords import verify_password
from scheme.domain.certificates.lists import suspicious_scans
from scheme.domain.certificates.state import CertificateState, certificate_state
from scheme.domain.premises.search import all_statuses
from scheme.domain.premises.status import PremisesStatus
from scheme.domain.premises.work_queues import work_queues
from scheme.domain.training.records import pending_approvals
from scheme.enums import ActionStatus, AssessmentKind, Outcome, PremisesType, Role
from scheme.extensions import db
from scheme.models import Action, Assessment, AuditLogEntry, Certificate, Premises, User


def test_create_user_reads_a_piped_password(runner):
    result = runner.invoke(args=["create-user", "--email", "New@Example.com", "--name", "Nia New", "--role", "officer"],
                           input="a long enough password\na long enough password\n")
    assert result.exit_code == 0, result.output
    user = users.find_user_by_email("new@example.com")
    assert user.role == Role.OFFICER and user.name == "Nia New"
    assert verify_password(user.password_hash, "a long enough password")


def test_create_user_refuses_a_weak_password(runner):
    result = runner.invoke(args=["create-user", "--email", "w@example.com", "--name", "W", "--role", "admin"],
                           input="password123\npassword123\n")
    assert result.exit_code == 1
    assert "Password is too easy to guess" in result.output
    assert users.find_user_by_email("w@example.com") is None


def test_create_user_refuses_mismatched_passwords(runner):
    result = runner.invoke(args=["create-user", "--email", "m@example.com", "--name", "M", "--role", "admin"],
                           input="a long enough password\na different password\n")
    assert result.exit_code == 1
    assert "do not match" in result.output


def test_create_user_refuses_other_roles(runner):
    result = runner.invoke(args=["create-user", "--email", "b@example.com", "--name", "B", "--role", "business"],
                           input="a long enough password\n")
    assert result.exit_code == 2


def _demo(runner) -> str:
    result = runner.invoke(args=["demo-data"])
    assert result.exit_code == 0, result.output
    return result.output


def _every_row() -> dict[str, list]:
    return {table.name: db.session.execute(sa.select(table).order_by(*table.primary_key.columns)).all()
            for table in db.metadata.sorted_tables}


def test_demo_data_reaches_every_state(runner):
    _demo(runner)
    today = date.today()

    assert set(all_statuses(today).values()) == set(PremisesStatus)
    certificates = db.session.scalars(sa.select(Certificate)).all()
    assert {certificate_state(certificate, today) for certificate in certificates} == set(CertificateState)
    assert {premises_type for premises_type in db.session.scalars(sa.select(Premises.premises_type))} == set(PremisesType)
    assert all(queue.items for queue in work_queues(today)), [q.key for q in work_queues(today) if not q.items]
    visits = db.session.scalars(sa.select(Assessment)).all()
    assert {visit.kind for visit in visits} == set(AssessmentKind)
    assert any(visit.kind == AssessmentKind.AUDIT and visit.completed_at is None for visit in visits)
    assert {visit.outcome for visit in visits} >= set(Outcome)
    assert set(db.session.scalars(sa.select(Action.status))) == set(ActionStatus)
    assert pending_approvals()
    assert suspicious_scans(today).rows
    assert db.session.scalar(sa.select(sa.func.count()).select_from(AuditLogEntry)) > 100


def test_demo_data_prints_every_sign_in_and_certificate_address(runner):
    output = _demo(runner)
    today = date.today()

    assert f"password for all: {DEMO_PASSWORD}" in output
    emails = set(re.findall(r"[\w.]+@example\.com", output))
    accounts = db.session.scalars(sa.select(User)).all()
    assert emails == {user.email for user in accounts}
    assert all(users.authenticate(email, DEMO_PASSWORD) for email in emails)
    for status in PremisesStatus:
        assert re.search(rf"^  {status.value} +\S+@example\.com", output, re.MULTILINE), status
    for state in CertificateState:
        codes = [c.public_code for c in db.session.scalars(sa.select(Certificate)) if certificate_state(c, today) == state]
        assert any(f"http://scheme.test/v/{code}" in output for code in codes), state


def test_demo_data_twice_changes_nothing(runner):
    first = _demo(runner)
    before = _every_row()
    second = _demo(runner)
    assert _every_row() == before
    assert second == first


READINESS_CASES = {
    # what the demo prints, the premises, and the public page's headline today
    r"at risk, \d+ days left \(a mandatory action is past its due date\)": ("Golden Dragon Takeaway", "Accredited until"),
    r"at risk, \d+ days left \(staff training no longer meets the scheme's rule\)":
        ("Galleys Corner Services Shop", "Accredited until"),
    r"suspended pending checks \(a mandatory action is past its due date\)":
        ("Braintree Station", "NOT accredited: suspended pending checks"),
    r"held as ready until \d+ \w+ \d{4}": ("A120 Cars", "Accredited until"),
    r"failed test visit, certificate suspended by an officer": ("Fountain Bar", "NOT accredited"),
}


def test_demo_data_shows_every_readiness_case_with_the_days_left(runner, client):
    output = _demo(runner)
    for case, (name, headline) in READINESS_CASES.items():
        found = re.search(rf"^  {case}: http://scheme\.test/v/(\w+)  \({re.escape(name)}\)$", output, re.MULTILINE)
        assert found, case
        page = client.get(f"/v/{found[1]}").get_data(as_text=True)
        assert headline in page, (case, name)
    days = [int(n) for n in re.findall(r"^  at risk, (\d+) days left", output, re.MULTILINE)]
    assert days and all(0 < n <= 14 for n in days)
