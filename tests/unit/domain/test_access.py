"""Who may do what, answered from the user alone (no database)."""

import pytest

from scheme.domain import access
from scheme.domain.errors import NotAllowed
from scheme.enums import Role
from scheme.models import User
from scheme.security import loads, staff_only


def _user(role: Role, *, active: bool = True) -> User:
    return User(id=1, email="someone@example.com", name="Someone", role=role, active=active)


@pytest.mark.parametrize(("role", "active", "staff", "admin", "business"), [
    (Role.ADMIN, True, True, True, False),
    (Role.OFFICER, True, True, False, False),
    (Role.BUSINESS, True, False, False, True),
    (Role.ADMIN, False, False, False, False),
    (Role.OFFICER, False, False, False, False),
    (Role.BUSINESS, False, False, False, False),
])
def test_roles_and_a_deactivated_account(role, active, staff, admin, business):
    user = _user(role, active=active)
    assert (access.is_staff(user), access.is_admin(user), access.is_business(user)) == (staff, admin, business)


@pytest.mark.parametrize(("role", "active", "is_member", "allowed"), [
    (Role.OFFICER, True, False, True),
    (Role.ADMIN, True, False, True),
    (Role.BUSINESS, True, True, True),
    (Role.BUSINESS, True, False, False),
    (Role.BUSINESS, False, True, False),
    (Role.OFFICER, False, False, False),
])
def test_officers_and_admins_touch_every_premises_a_business_only_its_own(role, active, is_member, allowed):
    assert access.may_touch_premises(_user(role, active=active), is_member=is_member) is allowed


@pytest.mark.parametrize(("require", "allowed_roles"), [
    (access.require_staff, {Role.OFFICER, Role.ADMIN}),
    (access.require_admin, {Role.ADMIN}),
    (lambda user: access.require_business(user, "Only businesses"), {Role.BUSINESS}),
])
@pytest.mark.parametrize("role", list(Role))
def test_requirements_refuse_every_other_role_and_deactivated_accounts(require, allowed_roles, role):
    if role in allowed_roles:
        require(_user(role))
    else:
        with pytest.raises(NotAllowed):
            require(_user(role))
    with pytest.raises(NotAllowed):
        require(_user(role, active=False))


def test_refusals_say_why():
    with pytest.raises(NotAllowed, match="Only officers and administrators decide"):
        access.require_staff(_user(Role.BUSINESS), "Only officers and administrators decide applications")


@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_staff_may_touch_any_premises_without_asking_the_database(role):
    access.check_premises(_user(role), premises_id=12345)  # outside an app context: a query would raise


def test_a_deactivated_officer_is_refused_a_premises():
    with pytest.raises(NotAllowed):
        access.check_premises(_user(Role.OFFICER, active=False), premises_id=12345)


def test_loading_decorator_must_sit_below_the_role_check():
    # Above it, the thing would be loaded (and its existence given away) before the role is checked.
    with pytest.raises(TypeError, match="role check above"):
        loads("premises_id", access.premises_for)(staff_only(lambda premises: premises))
