"""A copy, in each app process, of what the public page reads: on PostgreSQL a scan is
answered without a round trip to the database.

Every scan of a sticker otherwise asks PostgreSQL, in another process on the same machine,
for one row; at county scale the round trip costs more than the page. So each app process
keeps, per certificate's public code, the row public_page_lookup would read (compactly, as one
string), the printed stickers' statuses and the reporting routes' version, and a thread of its
own keeps them right:

- it LISTENs on the channel the database's triggers notify whenever a write changes what
  the page reads (migration e5b1c7d3a9f2): a certificate added, changed or removed, a premises'
  name, address or suspension, a sticker, the settings;
- it reads the whole copy once LISTENing (so no change is missed), and again each day (the
  current certificate depends on the day); after that, only the premises a notice names;
- a notice comes when the writing transaction commits, and is acted on within milliseconds.
  A scan in those milliseconds sees what was true a moment before, as one a moment earlier
  would have.

A scan the copy cannot answer (a code it does not hold, the copy not read yet or being read
for a new day, its connection lost) is answered from the database, as before. The copy is
off on SQLite, whose lookup is in the process already, with PUBLIC_PAGE_COPY off, and in the
tests' rolled-back transactions. Its size is about 300 bytes per certificate (15 MB at 50,000).
"""

import logging
import os
import threading
import time
from datetime import date

import sqlalchemy as sa
from flask import current_app

from scheme.domain import reporting_routes
from scheme.domain.certificates import public_page_lookup
from scheme.domain.certificates.public_page_lookup import Found
from scheme.extensions import db

log = logging.getLogger(__name__)

CHANNEL = "scheme_public_page"  # as the triggers in migration e5b1c7d3a9f2 notify it
# More premises than this named in one go (a bulk load, say) and the whole copy is read again.
_MOST_PREMISES_READ_ONE_BY_ONE = 500
_RECONNECT_SECONDS = (1, 2, 5, 10, 30)

_SEPARATOR, _NONE = "\x1f", "\x00"
_INTEGERS = (0, 16)  # id, current_id: the other values are text, dates as ISO text, or flags
_FLAGS = (13, 14)  # home_based, show_home_address
_NO_STICKER = (None, None)


def _encoded(values) -> str:
    def one(value) -> str:
        if value is None:
            return _NONE
        if isinstance(value, bool):
            return "1" if value else ""
        return str(value)

    return _SEPARATOR.join(map(one, values))


def _decoded(encoded: str) -> list:
    values: list = [None if part == _NONE else part for part in encoded.split(_SEPARATOR)]
    for index in _INTEGERS:
        if values[index] is not None:
            values[index] = int(values[index])
    for index in _FLAGS:
        values[index] = values[index] == "1"
    return values


class PublicPageCopy:
    """The copy of one database, kept by a thread of this process."""

    def __init__(self, engine: sa.Engine, day: date):
        self._engine = engine
        self._rows: dict[str, str] | None = None  # public code: the row, encoded; None: not read
        self._stickers: dict[int, dict[str, tuple]] = {}  # certificate id: {serial: (status, replaced)}
        self._routes_version: str | None = None
        self._day: date | None = None  # the day the rows were read for
        self._wanted_day = day  # the day scans ask about (the page's clock, not this thread's)
        self._listening = False
        self._stopped = threading.Event()
        self.reads = 0  # how many times any part was read from the database (for the tests)
        self._thread = threading.Thread(target=self._keep, name="public-page-copy", daemon=True)
        self._thread.start()

    # --- read by the page ---

    def find(self, code: str, today: date, serial: str) -> Found | None:
        """What public_page_lookup.find would answer, or None when the copy cannot say."""
        rows = self._rows
        if rows is None or not self._listening or self._day != today:
            self._wanted_day = today  # a new day: read for it (meanwhile the database answers)
            return None
        encoded = rows.get(code)
        if encoded is None:
            return None
        values = _decoded(encoded)
        sticker = self._stickers.get(values[0], {}).get(serial, _NO_STICKER) if serial else _NO_STICKER
        return public_page_lookup._found((*values, self._routes_version, *sticker), serial)

    @property
    def ready(self) -> bool:
        return self._rows is not None and self._listening

    def stop(self) -> None:
        self._stopped.set()
        self._thread.join(timeout=10)

    # --- kept by the thread ---

    def _keep(self) -> None:
        failures = 0
        while not self._stopped.is_set():
            try:
                self._listen_and_keep()
                return
            except Exception:  # noqa: BLE001  the database away: answer from it (or fail) until it is back
                log.warning("The public page's copy lost its database connection; scans read the database "
                            "until it is back", exc_info=True)
            self._forget()
            self._stopped.wait(_RECONNECT_SECONDS[min(failures, len(_RECONNECT_SECONDS) - 1)])
            failures += 1

    def _forget(self) -> None:
        self._listening = False
        self._rows = None

    def _listen_and_keep(self) -> None:
        pooled = self._engine.raw_connection()
        pooled.detach()  # this thread's own, for as long as it lives
        connection = pooled.dbapi_connection
        try:
            connection.autocommit = True
            connection.execute(f"LISTEN {CHANNEL}")
            self._listening = True
            self._read_all()
            while not self._stopped.is_set():
                notices = [notice.payload for notice in connection.notifies(timeout=1.0, stop_after=1)]
                if notices:
                    # A burst of writes comes as many notices: take all that are waiting.
                    notices += [notice.payload for notice in connection.notifies(timeout=0.01)]
                    self._apply(notices)
                elif self._day != self._wanted_day:
                    self._read_all()
        finally:
            self._forget()
            connection.close()

    def _apply(self, notices: list[str]) -> None:
        gone, premises_ids, settings = set(), set(), False
        for notice in notices:
            kind, _, value = notice.partition(":")
            if kind == "gone":
                gone.add(value)
            elif kind == "premises":
                premises_ids.add(int(value))
            elif kind == "settings":
                settings = True
        rows = self._rows
        if rows is None:
            return
        for code in gone:  # before the premises are read again, which puts back what remains
            encoded = rows.pop(code, None)
            if encoded is not None:
                self._stickers.pop(_decoded(encoded)[0], None)
        if len(premises_ids) > _MOST_PREMISES_READ_ONE_BY_ONE:
            self._read_all()
            return
        if premises_ids:
            self._read_premises(sorted(premises_ids))
        if settings:
            with self._engine.connect() as connection:
                self._routes_version = connection.execute(sa.select(reporting_routes.version_subquery())).scalar()
            self.reads += 1

    def _read_all(self) -> None:
        day = self._wanted_day
        self._rows = None  # scans read the database meanwhile
        rows: dict[str, str] = {}
        stickers: dict[int, dict[str, tuple]] = {}
        with self._engine.connect() as connection:  # one transaction: one moment's rows
            # Longer than a request may take: at 500,000 certificates this is a few seconds' read.
            connection.exec_driver_sql("SET LOCAL statement_timeout = '5min'")
            for code, values in self._certificates(connection, day, None):
                rows[code] = _encoded(values)
            for certificate_id, serial, status, replaced_at in connection.execute(
                    public_page_lookup.copy_stickers_statement()):
                stickers.setdefault(certificate_id, {})[serial] = (status, replaced_at)
            routes_version = connection.execute(sa.select(reporting_routes.version_subquery())).scalar()
        self._stickers, self._routes_version, self._day = stickers, routes_version, day
        self._rows = rows
        self.reads += 1

    def _read_premises(self, premises_ids: list[int]) -> None:
        rows = self._rows
        with self._engine.connect() as connection:  # one transaction: one moment's rows
            found = list(self._certificates(connection, self._day, premises_ids))
            stickers: dict[int, dict[str, tuple]] = {}
            for certificate_id, serial, status, replaced_at in connection.execute(
                    public_page_lookup.of_premises(public_page_lookup.copy_stickers_statement()),
                    {"premises_ids": premises_ids}):
                stickers.setdefault(certificate_id, {})[serial] = (status, replaced_at)
        # A certificate that is gone, or has moved to another code or premises, was taken out
        # by its own notice ("gone"); the premises' certificates still there are put back.
        for code, values in found:
            certificate_stickers = stickers.get(values[0])
            if certificate_stickers:
                self._stickers[values[0]] = certificate_stickers
            else:
                self._stickers.pop(values[0], None)
            rows[code] = _encoded(values)
        self.reads += 1

    def _certificates(self, connection, day: date, premises_ids: list[int] | None):
        statement = public_page_lookup.copy_statement()
        parameters = {"today": day}
        if premises_ids is not None:
            statement = public_page_lookup.of_premises(statement)
            parameters["premises_ids"] = premises_ids
        # In batches through a server-side cursor: the whole table at once would leave the
        # process tens of megabytes bigger for good (memory freed is not given back).
        for row in connection.execution_options(stream_results=True, yield_per=1000).execute(statement, parameters):
            yield row[0], row[1:]


_copies: dict[tuple[int, sa.Engine], PublicPageCopy | None] = {}  # (process, engine): its copy, None for none
_UNDECIDED = object()
_copies_lock = threading.Lock()


def find(code: str | None, today: date, serial: str = "") -> Found | None:
    """The copy's answer to a scan (as public_page_lookup.find's), or None: ask the database."""
    if code is None:
        return None
    copy = _copy(today)
    return copy.find(code, today, serial) if copy is not None else None


def _copy(today: date) -> PublicPageCopy | None:
    if public_page_lookup._connection() is not None:  # a test's transaction, which no copy sees
        return None
    engine = db.engine
    key = (os.getpid(), engine)  # a process forked from this one keeps a copy of its own
    copy = _copies.get(key, _UNDECIDED)
    if copy is _UNDECIDED:
        with _copies_lock:
            copy = _copies.get(key, _UNDECIDED)
            if copy is _UNDECIDED:
                wanted = engine.dialect.name == "postgresql" and current_app.config["PUBLIC_PAGE_COPY"]
                copy = _copies[key] = PublicPageCopy(engine, today) if wanted else None
    return copy


def stop_all() -> None:
    """Stop every copy's thread in this process (the tests, before their database is dropped)."""
    with _copies_lock:
        copies = list(_copies.values())
        _copies.clear()
    for copy in copies:
        if copy is not None:
            copy.stop()
