"""Factories for test data.

Each commits, which inside a test only releases a savepoint (the test's transaction is still
rolled back at its end); committing keeps the data when a service under test rolls back.
"""

import itertools
from datetime import date, timedelta

import pyotp
import sqlalchemy as sa

from scheme.domain.accounts.passwords import hash_password
from scheme.domain.areas import name_key
from scheme.enums import (
    ApplicationStatus,
    JobRole,
    PremisesType,
    Role,
    StandardsVersionStatus,
)
from scheme.extensions import db
from scheme.models import (
    Area,
    AreaDistrict,
    Premises,
    PremisesMember,
    StaffMember,
    Standard,
    StandardsVersion,
    TrainingModule,
    User,
)
from scheme.models.base import utcnow

PASSWORD = "correct horse battery"
_sequence = itertools.count(1)
_password_hash: str | None = None


def make_user(role: Role = Role.BUSINESS, *, email: str | None = None, name: str = "Alex Example",
              two_factor: bool | None = None, **fields) -> User:
    """A user who can sign in with PASSWORD; officers and admins have two-factor sign-in set
    up (tests/signing_in.py makes their codes) unless two_factor=False."""
    global _password_hash
    _password_hash = _password_hash or hash_password(PASSWORD)
    if two_factor if two_factor is not None else role.is_staff:
        fields.setdefault("totp_secret", pyotp.random_base32())
        fields.setdefault("two_factor_enabled_at", utcnow())
    user = User(
        email=email or f"user{next(_sequence)}@example.com",
        name=name,
        role=role,
        password_hash=_password_hash,
        email_confirmed_at=utcnow(),
        **fields,
    )
    db.session.add(user)
    db.session.commit()
    return user


def area_id(name: str, districts: tuple[str, ...] = (), *, commit: bool = True) -> int:
    """The id of the area with this name (folded), made with these districts when missing
    (flushed only, with commit=False, for callers that roll their rows back)."""
    key = name_key(name)
    found = db.session.scalar(sa.select(Area.id).where(Area.key == key))
    if found is not None:
        return found
    area = Area(name=name, key=key, active=True)
    area.districts = [AreaDistrict(district=district) for district in districts]
    db.session.add(area)
    db.session.commit() if commit else db.session.flush()
    return area.id


def make_premises(*, owner: User | None = None, status: ApplicationStatus = ApplicationStatus.DRAFT,
                  premises_type: PremisesType = PremisesType.HOTEL, **fields) -> Premises:
    n = next(_sequence)
    values = dict(
        name=f"Test Premises {n}",
        premises_type=premises_type,
        address_line_1=f"{n} High Street",
        town="Braintree",
        postcode="CM7 1JX",
        area="Galley's Corner",
        phone="01376 550000",
        email=f"premises{n}@example.com",
        staff_count=5,
        status=status,
    )
    values.update(fields)
    values["area_id"] = area_id(values.pop("area")) if "area_id" not in values else values["area_id"]
    values.pop("area", None)
    premises = Premises(**values)
    if owner is not None:
        premises.members.append(PremisesMember(user=owner))
    db.session.add(premises)
    db.session.commit()
    return premises


def standards_of(version: StandardsVersion) -> list[Standard]:
    # Relationships do not lazy-load (scheme.models): tests read a version's standards so.
    return list(db.session.scalars(db.select(Standard).where(Standard.version_id == version.id)
                                   .order_by(Standard.position, Standard.id)))


def make_standards_version(*, published: bool = True, codes: tuple[str, ...] = ("S1", "S2", "S3"),
                           optional: tuple[str, ...] = (), number: int | None = None) -> StandardsVersion:
    version = StandardsVersion(
        number=number or next(_sequence),
        status=StandardsVersionStatus.PUBLISHED if published else StandardsVersionStatus.DRAFT,
        published_at=utcnow() if published else None,
    )
    for position, code in enumerate(codes):
        version.standards.append(Standard(position=position, code=code, title=f"Standard {code}",
                                          mandatory=code not in optional, premises_types=[]))
    db.session.add(version)
    db.session.commit()
    return version


def make_module(*, validity_months: int = 12, required_roles: list[str] | None = None, **fields) -> TrainingModule:
    module = TrainingModule(
        title=fields.pop("title", f"Module {next(_sequence)}"),
        provider=fields.pop("provider", "The scheme"),
        validity_months=validity_months,
        required_roles=required_roles if required_roles is not None else [role.value for role in JobRole],
        **fields,
    )
    db.session.add(module)
    db.session.commit()
    return module


def make_staff(premises: Premises, *, name: str | None = None, job_role: JobRole = JobRole.RECEPTION,
               started_on: date | None = None, **fields) -> StaffMember:
    staff = StaffMember(premises_id=premises.id, name=name or f"Staff {next(_sequence)}", job_role=job_role,
                        started_on=started_on or date.today() - timedelta(days=365), **fields)
    db.session.add(staff)
    db.session.commit()
    return staff
