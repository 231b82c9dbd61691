"""The one query behind the directory, the API, the bulk files and the badge.

Each reads premises with a certificate through `_SELECT` below, and the public status comes
from certificates.state (the rules behind `/v/<code>`), so no surface can say something else
about a premises than its sticker does. Every read is one statement whatever the page size.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

import sqlalchemy as sa

from scheme.domain.certificates.state import certificate_state, current_certificate_of, valid_clause
from scheme.domain.premises.public_address import address_withheld, outward_code, public_address
from scheme.domain.premises.readiness_rule import pending_checks_clause, pending_checks_on
from scheme.domain.register.cursor import Position
from scheme.domain.register.status import PublicStatus, public_status
from scheme.enums import CertificateStatus, PremisesType
from scheme.extensions import db
from scheme.domain.areas import name_key
from scheme.models import Area, Certificate, Premises

REFERENCE_PREFIX = "SISI-P"

_premises = Premises.__table__
_area = Area.__table__
_certificate = Certificate.__table__.alias("certificate")
_newer = Certificate.__table__.alias("newer")

_SORT_NAME = sa.func.lower(sa.func.coalesce(sa.func.nullif(_premises.c.trading_name, ""), _premises.c.name))

_SELECT = (
    sa.select(
        _premises.c.id, _premises.c.public_id, _premises.c.name, _premises.c.trading_name,
        _premises.c.premises_type, _premises.c.address_line_1, _premises.c.address_line_2, _premises.c.town,
        _premises.c.postcode, sa.func.coalesce(_area.c.name, "").label("area"), _premises.c.home_based,
        _premises.c.show_home_address, _premises.c.suspended_from, _SORT_NAME.label("sort_name"),
        _certificate.c.number, _certificate.c.public_code, _certificate.c.status, _certificate.c.expires_on,
    )
    .select_from(_premises)
    .join(_certificate, _certificate.c.premises_id == _premises.c.id)
    .outerjoin(_area, _area.c.id == _premises.c.area_id)
)


def _is_current() -> sa.ColumnElement[bool]:
    # state.current_certificate, as SQL: the premises' latest certificate not superseded.
    latest = current_certificate_of(_premises.c.id, _newer).with_only_columns(_newer.c.id).scalar_subquery()
    return _certificate.c.id == latest


def _accredited(today: date) -> sa.ColumnElement[bool]:
    # Listed = public_status(...) == ACCREDITED for its current certificate: valid today
    # (certificate_state(...) == VALID) and its premises not suspended pending checks.
    return sa.and_(_is_current(), valid_clause(_certificate.c, today),
                   sa.not_(pending_checks_clause(_premises.c.suspended_from, today)))


@dataclass(frozen=True)
class Filters:
    q: str = ""
    premises_type: PremisesType | None = None
    area: str = ""  # an area's name, folded as scheme.domain.areas.name_key compares them


@dataclass(frozen=True)
class Entry:
    public_id: str
    reference: str
    name: str
    premises_type: PremisesType
    address: str
    town: str
    postcode: str
    outward_postcode: str
    area: str
    home_based: bool
    status: PublicStatus
    certificate_number: str
    code: str
    valid_until: date
    sort_name: str

    @property
    def accredited(self) -> bool:
        return self.status.accredited

    @property
    def position(self) -> Position:
        return Position(self.sort_name, self.public_id)


def reference(premises_id: int) -> str:
    """The scheme's own reference for a premises, as officers and the council quote it."""
    return f"{REFERENCE_PREFIX}-{premises_id:05d}"


def _entry(row, today: date) -> Entry:
    status = public_status(certificate_state(_StoredState(CertificateStatus(row.status), row.expires_on), today),
                           pending_checks_on(row.suspended_from, today))
    # The home-address rule of every public surface: a home shows its outward postcode only.
    withheld = address_withheld(row.home_based, row.show_home_address)
    address = public_address(row.address_line_1, row.address_line_2, row.town, row.postcode,
                             home_based=row.home_based, show_home_address=row.show_home_address)
    outward = outward_code(row.postcode)
    return Entry(
        public_id=row.public_id, reference=reference(row.id), name=row.trading_name or row.name,
        premises_type=PremisesType(row.premises_type), address=address, town="" if withheld else row.town,
        postcode=outward if withheld else row.postcode, outward_postcode=outward, area=row.area,
        home_based=row.home_based, status=status,
        certificate_number=row.number, code=row.public_code, valid_until=row.expires_on, sort_name=row.sort_name,
    )


@dataclass(frozen=True)
class _StoredState:
    # What certificate_state reads of a certificate.
    status: CertificateStatus
    expires_on: date


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filtered(statement: sa.Select, filters: Filters) -> sa.Select:
    q = " ".join(filters.q.split()).lower()
    if q:
        term, squashed = _like(q), _like(q.replace(" ", ""))
        postcode = sa.func.lower(sa.func.replace(_premises.c.postcode, " ", ""))
        # A home's street, town and full postcode are not published, so they cannot be
        # searched either (a search would tell where it is): only its outward postcode.
        withheld = sa.and_(_premises.c.home_based, sa.not_(_premises.c.show_home_address))
        outward = sa.func.substr(postcode, 1, sa.func.length(postcode) - 3)
        statement = statement.where(sa.or_(
            sa.func.lower(_premises.c.name).like(term, escape="\\"),
            sa.func.lower(_premises.c.trading_name).like(term, escape="\\"),
            sa.and_(sa.not_(withheld), sa.or_(sa.func.lower(_premises.c.town).like(term, escape="\\"),
                                              postcode.like(squashed, escape="\\"))),
            sa.and_(withheld, outward.like(squashed, escape="\\")),
        ))
    if filters.premises_type is not None:
        statement = statement.where(_premises.c.premises_type == filters.premises_type.value)
    if filters.area:
        statement = statement.where(_area.c.key == name_key(filters.area))
    return statement


def _ordered(statement: sa.Select) -> sa.Select:
    return statement.order_by(_SORT_NAME, _premises.c.public_id)


def accredited_after(filters: Filters, today: date, after: Position | None, limit: int) -> tuple[list[Entry], bool]:
    """Up to `limit` accredited premises after `after` in the stable order (display name,
    then public id), and whether more follow. One statement."""
    statement = _filtered(_SELECT.where(_accredited(today)), filters)
    if after is not None:
        statement = statement.where(sa.or_(
            _SORT_NAME > after.sort_name,
            sa.and_(_SORT_NAME == after.sort_name, _premises.c.public_id > after.public_id),
        ))
    rows = db.session.execute(_ordered(statement).limit(limit + 1)).all()
    return [_entry(row, today) for row in rows[:limit]], len(rows) > limit


def accredited_page(filters: Filters, today: date, page: int, page_size: int) -> tuple[list[Entry], int]:
    """One numbered page of accredited premises, and how many there are in all. Two statements."""
    statement = _filtered(_SELECT.where(_accredited(today)), filters)
    total = db.session.scalar(sa.select(sa.func.count()).select_from(statement.subquery()))
    rows = db.session.execute(_ordered(statement).limit(page_size).offset((page - 1) * page_size)).all()
    return [_entry(row, today) for row in rows], total


def every_accredited(today: date, area: str | None = None) -> Iterator[Entry]:
    """Every accredited premises (of one area), read a few hundred at a time: the bulk files."""
    statement = _SELECT.where(_accredited(today))
    if area is not None:
        statement = statement.where(_area.c.key == name_key(area))
    for row in db.session.execute(_ordered(statement).execution_options(yield_per=500)):
        yield _entry(row, today)


def by_public_id(public_id: str, today: date) -> Entry | None:
    """The premises with this public id and its current certificate, in whatever state; None
    when there is no such premises or it has never held a certificate."""
    row = db.session.execute(_SELECT.where(_premises.c.public_id == public_id, _is_current())).first()
    return _entry(row, today) if row is not None else None


def by_code(code: str | None, today: date) -> Entry | None:
    """The certificate with this public code (normalised: codes.normalise_code) and its
    premises; the status is that certificate's, as `/v/<code>` shows it."""
    if code is None:
        return None
    row = db.session.execute(_SELECT.where(_certificate.c.public_code == code)).first()
    return _entry(row, today) if row is not None else None


def areas_listed(today: date) -> list[str]:
    accredited = _SELECT.where(_accredited(today)).subquery()
    return list(db.session.scalars(sa.select(accredited.c.area).distinct().order_by(accredited.c.area)))


def areas_known() -> list[str]:
    """Every area a premises is in, listed or not: the officers' figures filter by them."""
    return list(db.session.scalars(
        sa.select(_area.c.name).where(sa.exists().where(_premises.c.area_id == _area.c.id)).order_by(_area.c.name)))
