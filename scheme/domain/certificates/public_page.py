"""The public page behind every sticker: what a certificate says now, in as few round trips
as possible.

This is the busiest page in the service, so it uses SQLAlchemy Core, not the ORM, run as
plain SQL on a pool of its own: one statement reads the certificate with its premises and the
premises' current certificate (and the reporting routes' version), and the routes themselves
come from a cache in this process that that version keeps honest. Nothing here is cached
about a certificate: a suspension shows on the next scan. The scan is counted as
scheme.domain.scan_counts describes: usually no write at all on this page.
"""

from collections import namedtuple
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any, TypeVar

import sqlalchemy as sa
from flask import current_app
from sqlalchemy.dialects import postgresql, sqlite

from scheme.database import public_page_engine
from scheme.domain import reporting_routes
from scheme.domain.certificates import scan_counts
from scheme.domain.certificates.codes import normalise_code
from scheme.domain.certificates.state import (
    CertificateState,
    certificate_state,
    valid_clause,
)
from scheme.domain.dates import in_words
from scheme.enums import CertificateStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises, ScanCount

_certificate = Certificate.__table__
_premises = Premises.__table__
_current = Certificate.__table__.alias("current_certificate")
_scan = ScanCount.__table__
T = TypeVar("T")


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
    return in_words(value, missing="an unknown date")


_LOOKUP_COLUMNS = (
    "id", "number", "status", "issued_on", "expires_on", "status_changed_at", "name", "trading_name",
    "premises_type", "address_line_1", "address_line_2", "town", "postcode",
    "current_id", "current_number", "current_status", "current_expires_on", "routes_version",
)
_Row = namedtuple("_Row", _LOOKUP_COLUMNS)


def _lookup_statement() -> sa.Select:
    valid_now = valid_clause(_certificate.c, sa.bindparam("today", type_=sa.Date))

    def of_current_certificate(column: sa.Column, label: str) -> sa.ColumnElement:
        # A column of the premises' latest certificate that has not been replaced. It matters
        # only when this one is not valid (nearly every scan is of a valid one), so only then
        # is it looked for; one small index lookup each.
        latest = (
            sa.select(column)
            .where(_current.c.premises_id == _certificate.c.premises_id,
                   _current.c.status != CertificateStatus.SUPERSEDED.value)
            .order_by(_current.c.id.desc())
            .limit(1)
            .scalar_subquery()
        )
        return sa.case((valid_now, sa.null()), else_=latest).label(label)

    statement = (
        sa.select(
            _certificate.c.id, _certificate.c.number, _certificate.c.status, _certificate.c.issued_on,
            _certificate.c.expires_on, _certificate.c.status_changed_at,
            _premises.c.name, _premises.c.trading_name, _premises.c.premises_type, _premises.c.address_line_1,
            _premises.c.address_line_2, _premises.c.town, _premises.c.postcode,
            of_current_certificate(_current.c.id, "current_id"),
            of_current_certificate(_current.c.number, "current_number"),
            of_current_certificate(_current.c.status, "current_status"),
            of_current_certificate(_current.c.expires_on, "current_expires_on"),
            reporting_routes.version_subquery().label("routes_version"),
        )
        .select_from(_certificate)
        .join(_premises, _premises.c.id == _certificate.c.premises_id)
        .where(_certificate.c.public_code == sa.bindparam("code"))
    )
    assert tuple(column.name for column in statement.selected_columns) == _LOOKUP_COLUMNS
    return statement


def _count_statement(dialect_name: str) -> sa.Insert:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    insert = dialect.insert(_scan).values(
        certificate_id=sa.bindparam("certificate_id"), day=sa.bindparam("day", type_=sa.Date),
        count=sa.bindparam("count"),
    )
    return insert.on_conflict_do_update(index_elements=[_scan.c.certificate_id, _scan.c.day],
                                        set_={"count": _scan.c.count + insert.excluded.count})


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


@dataclass(frozen=True)
class _Plan:
    lookup: _Prepared
    count: _Prepared
    routes_version: _Prepared


_plans: dict[str, _Plan] = {}


def _plan(dialect: sa.Dialect) -> _Plan:
    plan = _plans.get(dialect.name)
    if plan is None:
        plan = _plans[dialect.name] = _Plan(
            lookup=_Prepared(_lookup_statement(), dialect),
            count=_Prepared(_count_statement(dialect.name), dialect),
            routes_version=_Prepared(sa.select(reporting_routes.version_subquery()), dialect),
        )
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


def _connection() -> sa.Connection | None:
    """The tests' connection, when the session is bound to one (their rolled-back transaction)."""
    bind = db.session.session_factory.kw.get("bind")
    return bind if isinstance(bind, sa.Connection) else None


_CURSOR = "scheme.public_page_cursor"  # key in a pooled connection's info, which lives as long as it does


def _with_cursor(work: Callable[[Any, _Plan], T]) -> T:
    """Run work with a database cursor whose statements each commit on their own.

    The one deliberate exception to "services commit through the session": the ORM
    session's and even Core's per-statement bookkeeping cost several times this page's
    statements. The cursor comes straight from the public page's own pool, whose connections
    are not pinged before use; one found dead is thrown away and the work tried once more on
    a new one, so the page recovers by itself when the database comes back.
    """
    bound = _connection()
    if bound is not None:
        return work(bound.connection.driver_connection.cursor(), _plan(bound.dialect))
    engine = public_page_engine()
    plan = _plan(engine.dialect)
    for attempt in (1, 2):
        connection = engine.raw_connection()
        try:
            # One cursor per connection, kept with it: making one costs as much as the query.
            cursor = connection.info.get(_CURSOR)
            if cursor is None:
                cursor = connection.info[_CURSOR] = connection.cursor()
            return work(cursor, plan)
        except engine.dialect.loaded_dbapi.Error as error:
            if attempt == 2 or not engine.dialect.is_disconnect(error, connection.dbapi_connection, None):
                raise
            connection.invalidate()
        finally:
            connection.close()
    raise AssertionError("unreachable")


def _write_counts(cursor, plan: _Plan, rows: list[scan_counts.ScanRow]) -> None:
    params = [plan.count.params(certificate_id=certificate_id, day=day, count=count)
              for certificate_id, day, count in rows]
    if len(params) == 1:
        cursor.execute(plan.count.sql, params[0])
    else:
        cursor.executemany(plan.count.sql, params)


def _count_scan(cursor, plan: _Plan, certificate_id: int, today: date) -> None:
    """Count the scan, and write the counts waiting in this process when they are due."""
    waiting = scan_counts.pending()
    if not waiting.add(certificate_id, today):
        return
    rows = waiting.take()
    try:
        _write_counts(cursor, plan, rows)
    except Exception:
        # The page still answers: the counts wait for the next write.
        waiting.put_back(rows)
        current_app.logger.warning("Could not write %d scan counts; kept for the next try", len(rows),
                                   exc_info=True)


def write_pending_scans() -> int:
    """Write the scans counted in this process and not yet written; how many there were."""
    rows = scan_counts.pending().take()
    if rows:
        _with_cursor(lambda cursor, plan: _write_counts(cursor, plan, rows))
    return sum(count for _, _, count in rows)


def verify(typed_code: str, today: date) -> tuple[Verification | None, tuple[reporting_routes.Route, ...]]:
    """What the certificate with this code says today, and the reporting routes to show.

    Counts the scan (per certificate per day; nothing about who scanned).
    """
    code = normalise_code(typed_code)

    def look_up(cursor, plan: _Plan) -> tuple[_Row | None, str | None]:
        if code is not None:
            cursor.execute(plan.lookup.sql, plan.lookup.params(code=code, today=today))
            values = cursor.fetchone()
            if values is not None:
                return _Row(*values), None
        cursor.execute(plan.routes_version.sql, plan.routes_version.params())
        return None, cursor.fetchone()[0]

    def look_up_and_count(cursor, plan: _Plan):
        row, routes_version = look_up(cursor, plan)
        if row is None:
            return None, reporting_routes.routes_for(None, version=routes_version)
        _count_scan(cursor, plan, row.id, today)
        return _verification(row, today), reporting_routes.routes_for(row.premises_type, version=row.routes_version)

    return _with_cursor(look_up_and_count)
