"""The public page's fast path to the database: one statement reads the scanned certificate,
its premises, the printed sticker scanned, the premises' current certificate and the reporting
routes' version; another writes the scan counts. Nothing else.

This is the busiest page in the service, so its statements are written in SQLAlchemy Core,
compiled once and run as plain SQL on a pool of their own (the `public_page` bind in
scheme/database.py), one cursor kept per pooled connection. What the page says is
scheme.domain.certificates.public_page_wording. Nothing here is cached about a certificate,
so a suspension shows on the next scan; on PostgreSQL the process's copy
(public_page_copy, built from copy_statement here) answers first, and is told of a suspension
by the database within milliseconds of its commit.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, NamedTuple, TypeVar

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite

from scheme.database import public_page_engine
from scheme.domain import reporting_routes
from scheme.domain.certificates.public_page_wording import (
    StoredCertificate,
    StoredPremises,
    StoredSticker,
)
from scheme.domain.certificates.state import current_certificate_of, valid_clause
from scheme.domain.premises.public_address import public_address
from scheme.enums import CertificateStatus, StickerStatus
from scheme.extensions import db
from scheme.models import Certificate, Premises, ScanCount, Sticker

_scanned = Certificate.__table__.alias("scanned")
_current = Certificate.__table__.alias("current_certificate")
_newest = Certificate.__table__.alias("newest")  # where the current certificate's id is looked for
_premises = Premises.__table__
_scan = ScanCount.__table__
_sticker = Sticker.__table__
T = TypeVar("T")

ScanRow = tuple[int, str, date, int]  # certificate id, sticker serial ("" for none), day, count


class Found(NamedTuple):
    certificate: StoredCertificate | None  # None: no certificate has that code
    premises: StoredPremises | None
    # The premises' current certificate, looked for only when the scanned one is not valid.
    current: StoredCertificate | None
    routes_version: str | None
    sticker: StoredSticker | None = None


_LOOKUP_COLUMNS = (
    "id", "number", "status", "issued_on", "expires_on", "status_changed_at", "name", "trading_name",
    "premises_type", "address_line_1", "address_line_2", "town", "postcode", "home_based", "show_home_address",
    "suspended_from",
    "current_id", "current_number", "current_status", "current_expires_on", "routes_version",
    "sticker_status", "sticker_replaced_at",
)


def _scanned_columns() -> list:
    """What the page reads of the scanned certificate, its premises and its current certificate."""
    return [
        _scanned.c.id, _scanned.c.number, _scanned.c.status, _scanned.c.issued_on,
        _scanned.c.expires_on, _scanned.c.status_changed_at,
        _premises.c.name, _premises.c.trading_name, _premises.c.premises_type, _premises.c.address_line_1,
        _premises.c.address_line_2, _premises.c.town, _premises.c.postcode, _premises.c.home_based,
        _premises.c.show_home_address, _premises.c.suspended_from,
        _current.c.id.label("current_id"), _current.c.number.label("current_number"),
        _current.c.status.label("current_status"), _current.c.expires_on.label("current_expires_on"),
    ]


def _scanned_joined() -> sa.Join:
    valid_now = valid_clause(_scanned.c, sa.bindparam("today", type_=sa.Date))
    # Nearly every scan is of a valid certificate, for which the premises' current one does
    # not matter: the CASE looks for its id only when the scanned one is not valid (one small
    # index lookup), and the join reads that one row by its key, or none. Joins, not a
    # subquery per column: on SQLite the page's statement costs half as much. (A join on the
    # current certificate itself would let the planner read the whole certificate table on
    # every scan.)
    current_id = sa.case(
        (valid_now, sa.null()),
        else_=current_certificate_of(_scanned.c.premises_id, _newest).with_only_columns(_newest.c.id).scalar_subquery())
    return (_scanned.join(_premises, _premises.c.id == _scanned.c.premises_id)
            .outerjoin(_current, _current.c.id == current_id))


def _lookup_statement() -> sa.Select:
    # The printed sticker scanned is joined by its serial, in its unique index (none for a
    # serial never printed, nor for "", a QR without one).
    statement = (
        sa.select(
            *_scanned_columns(),
            reporting_routes.version_subquery().label("routes_version"),
            _sticker.c.status.label("sticker_status"), _sticker.c.replaced_at.label("sticker_replaced_at"),
        )
        .select_from(_scanned_joined().outerjoin(
            _sticker, sa.and_(_sticker.c.certificate_id == _scanned.c.id, _sticker.c.serial == sa.bindparam("serial"))))
        .where(_scanned.c.public_code == sa.bindparam("code"))
    )
    assert tuple(column.name for column in statement.selected_columns) == _LOOKUP_COLUMNS
    return statement


def copy_statement() -> sa.Select:
    """The lookup's certificate, premises and current certificate for every certificate (or
    those of the premises whose ids are bound as "premises_ids"), each with its public code:
    what public_page_copy keeps."""
    return sa.select(_scanned.c.public_code, *_scanned_columns()).select_from(_scanned_joined())


def copy_stickers_statement() -> sa.Select:
    """Every printed sticker's certificate, serial, status and replacement, for the copy."""
    return (sa.select(_sticker.c.certificate_id, _sticker.c.serial, _sticker.c.status, _sticker.c.replaced_at)
            .select_from(_sticker.join(_scanned, _scanned.c.id == _sticker.c.certificate_id)))


def of_premises(statement: sa.Select) -> sa.Select:
    """The copy's statement narrowed to the certificates of the premises bound as premises_ids."""
    return statement.where(_scanned.c.premises_id.in_(sa.bindparam("premises_ids", expanding=True)))


def _count_statement(dialect_name: str) -> sa.Insert:
    dialect = postgresql if dialect_name == "postgresql" else sqlite
    insert = dialect.insert(_scan).values(
        certificate_id=sa.bindparam("certificate_id"), serial=sa.bindparam("serial"),
        day=sa.bindparam("day", type_=sa.Date), count=sa.bindparam("count"),
    )
    return insert.on_conflict_do_update(index_elements=[_scan.c.certificate_id, _scan.c.serial, _scan.c.day],
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
        # The values fixed in the statement (a status, a settings key) as the driver takes them,
        # converted once here rather than on every run.
        self._fixed = {}
        for name, value in compiled.construct_params(_check=False).items():
            process = compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect)
            self._fixed[name] = process(value) if process and value is not None else value
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


def _as_date(value) -> date | None:
    # SQLite hands back dates and times as ISO text; PostgreSQL as date and datetime objects.
    if value is None:
        return None
    if isinstance(value, str):
        return date.fromisoformat(value[:10])
    return value.date() if isinstance(value, datetime) else value


def _found(values: tuple, serial: str) -> Found:
    (id_, number, status, issued_on, expires_on, status_changed_at, name, trading_name, premises_type,
     address_line_1, address_line_2, town, postcode, home_based, show_home_address,
     suspended_from, current_id, current_number, current_status, current_expires_on, routes_version,
     sticker_status, sticker_replaced_at) = values
    certificate = StoredCertificate(id_, number, CertificateStatus(status), _as_date(expires_on),
                                    _as_date(issued_on), _as_date(status_changed_at))
    address = public_address(address_line_1, address_line_2, town, postcode, home_based=bool(home_based),
                             show_home_address=bool(show_home_address))
    premises = StoredPremises(trading_name or name, address, premises_type, _as_date(suspended_from))
    current = None
    if current_id is not None:
        current = StoredCertificate(current_id, current_number, CertificateStatus(current_status),
                                    _as_date(current_expires_on))
    sticker = StoredSticker(serial, known=not serial or sticker_status is not None,
                            status=StickerStatus(sticker_status) if sticker_status else None,
                            replaced=sticker_replaced_at is not None)
    return Found(certificate, premises, current, routes_version, sticker)


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


def find(code: str | None, today: date, serial: str = "") -> Found:
    """The certificate with this public code (already normalised; None finds nothing) and the
    sticker with this serial ("" for none), and the reporting routes' version either way."""
    def look_up(cursor, plan: _Plan) -> Found:
        if code is not None:
            cursor.execute(plan.lookup.sql, plan.lookup.params(code=code, today=today, serial=serial))
            values = cursor.fetchone()
            if values is not None:
                return _found(values, serial)
        cursor.execute(plan.routes_version.sql, plan.routes_version.params())
        return Found(None, None, None, cursor.fetchone()[0])

    return _with_cursor(look_up)


def write_scan_counts(rows: list[ScanRow]) -> None:
    """Add these counts to those stored."""
    def write(cursor, plan: _Plan) -> None:
        # In one order, so that two processes writing at once (as when the app servers stop
        # together) lock the rows they share in the same order and cannot deadlock.
        params = [plan.count.params(certificate_id=certificate_id, serial=serial, day=day, count=count)
                  for certificate_id, serial, day, count in sorted(rows)]
        if len(params) == 1:
            cursor.execute(plan.count.sql, params[0])
        else:
            cursor.executemany(plan.count.sql, params)

    if rows:
        _with_cursor(write)
