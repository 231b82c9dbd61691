"""The public page behind every sticker: what a certificate says now, in as few round trips
as possible.

This is the busiest page in the service, so it uses SQLAlchemy Core, not the ORM: one
statement counts the scan, one reads the certificate with its premises and the premises'
current certificate (and the reporting routes' version), and the routes themselves come
from a cache in this process that that version keeps honest. Nothing here is cached
about a certificate: a suspension shows on the next scan.
"""

from collections import namedtuple
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from datetime import date, datetime

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from scheme.domain import reporting_routes
from scheme.domain.certificates import normalise_code
from scheme.domain.status import CertificateState, certificate_state
from scheme.extensions import db
from scheme.models import Certificate, CertificateStatus, Premises, ScanCount

_certificate = Certificate.__table__
_premises = Premises.__table__
_current = Certificate.__table__.alias("current_certificate")
_scan = ScanCount.__table__


@dataclass(frozen=True)
class CurrentCertificate:
    number: str
    state: CertificateState
    expires_on: date


@dataclass(frozen=True)
class Verification:
    number: str
    state: CertificateState
    issued_on: date
    expires_on: date
    status_changed_on: date | None
    premises_name: str
    premises_address: str
    premises_type: str
    current: CurrentCertificate | None  # the premises' current certificate, when not this one

    @property
    def accredited(self) -> bool:
        return self.state == CertificateState.VALID

    @cached_property
    def headline(self) -> str:
        if self.state == CertificateState.VALID:
            return f"Accredited until {_day(self.expires_on)}"
        if self.state == CertificateState.EXPIRED:
            return f"NOT accredited: this certificate expired on {_day(self.expires_on)}"
        if self.state == CertificateState.SUPERSEDED:
            return f"NOT valid: this certificate was replaced on {_day(self.status_changed_on)}"
        return f"NOT accredited: this certificate was {self.state.value} on {_day(self.status_changed_on)}"

    @property
    def premises_now(self) -> str | None:
        """Whether the premises holds a current certificate, for a certificate that is not valid."""
        if self.accredited:
            return None
        if self.current is not None and self.current.state == CertificateState.VALID:
            return (f"The premises holds a newer certificate, {self.current.number}, valid until "
                    f"{_day(self.current.expires_on)}. Ask to see its sticker.")
        return "The premises does not hold a current certificate."


def _day(value: date | None) -> str:
    return f"{value.day} {value:%B %Y}" if value else "an unknown date"


_LOOKUP_COLUMNS = (
    "id", "number", "status", "issued_on", "expires_on", "status_changed_at", "name", "trading_name",
    "premises_type", "address_line_1", "address_line_2", "town", "postcode",
    "current_id", "current_number", "current_status", "current_expires_on", "routes_version",
)
_Row = namedtuple("_Row", _LOOKUP_COLUMNS)


def _lookup_statement(dialect_name: str) -> sa.Select:
    current_id = (
        sa.select(sa.func.max(_current.c.id))
        .where(_current.c.premises_id == _certificate.c.premises_id,
               _current.c.status != CertificateStatus.SUPERSEDED.value)
        .scalar_subquery()
    )
    latest = Certificate.__table__.alias("latest")
    extra = []
    if dialect_name == "postgresql":
        # Counting a scan need not wait for the disk: losing the last few counts in a crash
        # is harmless, and waiting would cost this page a disk flush per view.
        extra.append(sa.func.set_config("synchronous_commit", "off", True).label("relaxed_commit"))
    statement = (
        sa.select(
            _certificate.c.id, _certificate.c.number, _certificate.c.status, _certificate.c.issued_on,
            _certificate.c.expires_on, _certificate.c.status_changed_at,
            _premises.c.name, _premises.c.trading_name, _premises.c.premises_type, _premises.c.address_line_1,
            _premises.c.address_line_2, _premises.c.town, _premises.c.postcode,
            latest.c.id.label("current_id"), latest.c.number.label("current_number"),
            latest.c.status.label("current_status"), latest.c.expires_on.label("current_expires_on"),
            reporting_routes.version_subquery().label("routes_version"),
            *extra,
        )
        .select_from(_certificate)
        .join(_premises, _premises.c.id == _certificate.c.premises_id)
        .outerjoin(latest, latest.c.id == current_id)
        .where(_certificate.c.public_code == sa.bindparam("code"))
    )
    assert tuple(column.name for column in statement.selected_columns)[:len(_LOOKUP_COLUMNS)] == _LOOKUP_COLUMNS
    return statement


def _scan_statement(dialect_name: str) -> sa.Insert:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    return (
        dialect.insert(_scan)
        .from_select(
            ["certificate_id", "day", "count"],
            sa.select(_certificate.c.id, sa.bindparam("day", type_=sa.Date), sa.literal(1))
            .where(_certificate.c.public_code == sa.bindparam("code")),
        )
        .on_conflict_do_update(index_elements=[_scan.c.certificate_id, _scan.c.day],
                               set_={"count": _scan.c.count + 1})
    )


class _Prepared:
    """A Core statement compiled once per database, run as plain SQL.

    SQLAlchemy's per-execution work (cache keys, bind and result processing) costs several
    times the query itself on this page; the statement is still written, and checked
    against the model, in Core.
    """

    def __init__(self, statement: sa.ClauseElement, dialect: sa.Dialect):
        compiled = statement.compile(dialect=dialect)
        self.sql = compiled.string
        self._fixed = compiled.construct_params(_check=False)
        self._order = compiled.positiontup if compiled.positional else None
        self._dates_as_text = dialect.name == "sqlite"

    def params(self, **values) -> tuple | dict:
        if self._dates_as_text:
            values = {key: value.isoformat() if isinstance(value, date) else value for key, value in values.items()}
        merged = {**self._fixed, **values}
        return tuple(merged[name] for name in self._order) if self._order is not None else merged


_plans: dict[str, tuple[_Prepared, ...]] = {}


def _plan(dialect: sa.Dialect) -> tuple[_Prepared, ...]:
    """The statements to run, the last one returning the row.

    PostgreSQL counts the scan inside the lookup, in a data-modifying WITH clause: one round
    trip, committed on its own (autocommit). SQLite has no such clause, so it runs the count
    and then the lookup, each committed on its own: the count takes the write lock before any
    read lock, so two processes counting at once wait for each other rather than fail.
    """
    plan = _plans.get(dialect.name)
    if plan is None:
        lookup = _lookup_statement(dialect.name)
        if dialect.name == "postgresql":
            counted = _scan_statement(dialect.name).returning(sa.literal(1)).cte("counted_scan")
            plan = (_Prepared(lookup.add_cte(counted), dialect),)
        else:
            plan = (_Prepared(_scan_statement(dialect.name), dialect), _Prepared(lookup, dialect))
        _plans[dialect.name] = plan
    return plan


class _State:
    # certificate_state() reads .status and .expires_on; a plain row's status is a string.
    __slots__ = ("status", "expires_on")

    def __init__(self, status: str, expires_on: date):
        self.status = CertificateStatus(status)
        self.expires_on = expires_on


def _as_date(value) -> date | None:
    # SQLite hands back dates and times as ISO text; PostgreSQL as date and datetime objects.
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


def _verification(row, today: date) -> Verification:
    expires_on = _as_date(row.expires_on)
    state = certificate_state(_State(row.status, expires_on), today)
    current = None
    if row.current_id is not None and row.current_id != row.id:
        current_expires_on = _as_date(row.current_expires_on)
        current = CurrentCertificate(row.current_number,
                                     certificate_state(_State(row.current_status, current_expires_on), today),
                                     current_expires_on)
    address = ", ".join(part for part in (row.address_line_1, row.address_line_2, row.town, row.postcode) if part)
    return Verification(
        number=row.number, state=state, issued_on=_as_date(row.issued_on), expires_on=expires_on,
        status_changed_on=_as_date(row.status_changed_at), premises_name=row.trading_name or row.name,
        premises_address=address, premises_type=row.premises_type, current=current,
    )


def _bind() -> sa.Engine | sa.Connection:
    # Read from the session factory rather than a session: making a session only to ask it
    # costs more than the page's queries.
    return db.session.session_factory.kw.get("bind") or db.engine


@contextmanager
def _cursor() -> Iterator:
    """A database cursor straight from the pool, each statement committed on its own.

    The one deliberate exception to "services commit through the session": the ORM
    session's and even Core's per-statement bookkeeping cost several times this page's
    statements. When the session is bound to a single connection (the tests' rolled-back
    transaction), the statements run inside that instead.
    """
    bind = _bind()
    if isinstance(bind, sa.Connection):
        yield bind.connection.driver_connection.cursor()
        return
    connection = bind.raw_connection()
    driver = connection.driver_connection
    # SQLite's connections already run without an implicit transaction (scheme.database);
    # psycopg's would otherwise spend a round trip each on BEGIN and COMMIT.
    autocommit = getattr(driver, "autocommit", None)
    try:
        if autocommit is False:
            driver.autocommit = True
        yield connection.cursor()
    finally:
        if autocommit is False:
            driver.autocommit = False
        connection.close()


def verify(typed_code: str, today: date) -> tuple[Verification | None, tuple[reporting_routes.Route, ...]]:
    """What the certificate with this code says today, and the reporting routes to show.

    Counts the scan (per certificate per day; nothing about who scanned) first.
    """
    code = normalise_code(typed_code)
    if code is None:
        return None, reporting_routes.routes_for(None)
    plan = _plan(_bind().dialect)
    with _cursor() as cursor:
        for statement in plan:
            cursor.execute(statement.sql, statement.params(code=code, day=today))
        values = cursor.fetchone()
    if values is None:
        return None, reporting_routes.routes_for(None)
    row = _Row(*values[:len(_Row._fields)])
    return _verification(row, today), reporting_routes.routes_for(row.premises_type, version=row.routes_version)
