from scheme.domain.accounts import users
from scheme.domain.accounts.passwords import verify_password
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import Premises, ReportingRoute, User


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


def test_demo_data_is_idempotent_and_prints_sign_ins(runner):
    first = runner.invoke(args=["demo-data"])
    assert first.exit_code == 0, first.output
    counts = [db.session.scalar(db.select(db.func.count()).select_from(model)) for model in (Premises, User, ReportingRoute)]
    assert counts[0] >= 30
    second = runner.invoke(args=["demo-data"])
    assert second.exit_code == 0, second.output
    assert [db.session.scalar(db.select(db.func.count()).select_from(model)) for model in (Premises, User, ReportingRoute)] == counts
    assert "admin@example.com" in first.output and "officer@example.com" in first.output
    types = set(db.session.scalars(db.select(Premises.premises_type)))
    assert len(types) == 7
