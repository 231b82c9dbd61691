from scheme.enums import Role


def test_officers_and_administrators_are_the_schemes_staff_and_businesses_are_not():
    assert {role for role in Role if role.is_staff} == {Role.OFFICER, Role.ADMIN}
