"""How often each printed sticker is scanned: a count per certificate, sticker serial ("" for a
QR without one) and day, and nothing about who scanned.

The public page is the busiest in the service, so a scan is only added up in the process that
served it; a writer thread of that process writes the waiting counts together every
SCAN_COUNT_FLUSH_SECONDS (sooner when very many are waiting), and the process writes what is
left when it stops (gunicorn's normal stop and restart included). So no view of the page ever
waits on a write, and no queue of views waits on the same row for a popular sticker. Each
write is one upsert per row in a fixed order of keys, so two processes writing at once lock
the rows they share in the same order and cannot deadlock. Officers see the counts that much
later; a process killed outright (SIGKILL, a crash) loses the scans it had not yet written, at
most SCAN_COUNT_FLUSH_SECONDS' worth. Both are harmless for what the counts are for.
"""

import atexit
import os
import threading
import time
import weakref
from collections import Counter
from collections.abc import Callable
from datetime import date

from flask import Flask, current_app

from scheme.domain.certificates import public_page_lookup
from scheme.domain.certificates.public_page_lookup import ScanRow

# Write early rather than let a process hold counts for very many certificates.
MOST_WAITING = 10_000


class PendingScans:
    """Scans counted in this process and not yet written. Safe to share between threads."""

    def __init__(self, flush_after_seconds: float, clock: Callable[[], float] = time.monotonic):
        self.flush_after_seconds = flush_after_seconds
        self._clock = clock
        self._lock = threading.Lock()
        self._counts: Counter[tuple[int, str, date]] = Counter()
        self._oldest: float | None = None

    def add(self, certificate_id: int, serial: str, day: date) -> bool:
        """Count one scan. True when the waiting counts are due to be written."""
        with self._lock:
            now = self._clock()
            if self._oldest is None:
                self._oldest = now
            self._counts[(certificate_id, serial, day)] += 1
            return now - self._oldest >= self.flush_after_seconds or len(self._counts) >= MOST_WAITING

    def take(self) -> list[ScanRow]:
        """The waiting counts, which are no longer waiting."""
        with self._lock:
            counts, self._counts, self._oldest = self._counts, Counter(), None
        return [(certificate_id, serial, day, count) for (certificate_id, serial, day), count in counts.items()]

    def put_back(self, rows: list[ScanRow]) -> None:
        """Return counts that could not be written, to be tried again with the next."""
        with self._lock:
            for certificate_id, serial, day, count in rows:
                self._counts[(certificate_id, serial, day)] += count
            if self._oldest is None and self._counts:
                self._oldest = self._clock()

    def __len__(self) -> int:
        """How many scans are waiting."""
        with self._lock:
            return sum(self._counts.values())


EXTENSION_KEY = "scheme.pending_scans"
WRITER_KEY = "scheme.scan_writer"


class _Writer:
    """The thread that writes one process's waiting counts, off the request path."""

    def __init__(self, app: Flask, scans: PendingScans):
        self._app = app
        self._scans = scans
        self._wake = threading.Event()
        # Held while counts taken from the waiting ones are being written, so that the write
        # at exit waits for them rather than the process ending in the middle.
        self.writing = threading.Lock()
        self.pid = os.getpid()
        self._thread = threading.Thread(target=self._run, name="scan-count-writer", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._wake.set()

    def _run(self) -> None:
        while True:
            self._wake.wait(timeout=self._scans.flush_after_seconds)
            self._wake.clear()
            if len(self._scans):
                with self._app.app_context():
                    write_waiting(self._scans, self.writing)


def write_waiting(scans: PendingScans, writing: threading.Lock) -> int:
    """Write the waiting counts; those that could not be written wait for the next try."""
    with writing:
        rows = scans.take()
        try:
            public_page_lookup.write_scan_counts(rows)
        except Exception:
            scans.put_back(rows)
            current_app.logger.warning("Could not write %d scan counts; kept for the next try", len(rows),
                                       exc_info=True)
            return 0
    return sum(count for *_, count in rows)


def pending() -> PendingScans:
    """This app's waiting counts; made on first use, and written when the process exits."""
    app = current_app._get_current_object()
    scans = app.extensions.get(EXTENSION_KEY)
    if scans is None:
        with _made_lock:
            scans = app.extensions.get(EXTENSION_KEY)
            if scans is None:
                scans = app.extensions[EXTENSION_KEY] = PendingScans(app.config["SCAN_COUNT_FLUSH_SECONDS"])
                atexit.register(_write_at_exit, weakref.ref(app))
    return scans


def _writer(app: Flask, scans: PendingScans) -> _Writer:
    writer = app.extensions.get(WRITER_KEY)
    # A process forked from one that had started a writer (a server preloading the app) has
    # no thread of its own yet.
    if writer is None or writer.pid != os.getpid():
        with _made_lock:
            writer = app.extensions.get(WRITER_KEY)
            if writer is None or writer.pid != os.getpid():
                writer = app.extensions[WRITER_KEY] = _Writer(app, scans)
    return writer


_made_lock = threading.Lock()
_no_writer_lock = threading.Lock()


def count(certificate_id: int, serial: str, today: date) -> None:
    """Count one scan of a sticker (serial "" for a QR without one). Written by this
    process's writer thread, or at once when the app is set to write every scan
    (SCAN_COUNT_FLUSH_SECONDS = 0, as the tests are)."""
    waiting = pending()
    due = waiting.add(certificate_id, serial, today)
    if waiting.flush_after_seconds <= 0:
        write_waiting(waiting, _no_writer_lock)
        return
    writer = _writer(current_app._get_current_object(), waiting)
    if due:
        writer.wake()


def write_pending() -> int:
    """Write the scans counted in this process and not yet written; how many there were."""
    app = current_app._get_current_object()
    writer = app.extensions.get(WRITER_KEY)
    with writer.writing if writer is not None and writer.pid == os.getpid() else _no_writer_lock:
        rows = pending().take()
        public_page_lookup.write_scan_counts(rows)
    return sum(scans for *_, scans in rows)


def _write_at_exit(app_ref: "weakref.ref[Flask]") -> None:
    app = app_ref()
    if app is None or not len(app.extensions.get(EXTENSION_KEY, ())):
        return
    with app.app_context():
        try:
            write_pending()
        except Exception:  # at exit there is no one to tell but the log
            app.logger.exception("Could not write the last scan counts")
