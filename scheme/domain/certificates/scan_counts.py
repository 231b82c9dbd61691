"""How often each certificate's sticker is scanned: a count per certificate per day, and
nothing about who scanned.

The public page is the busiest in the service, so a scan is added up in the process that
served it and written together with the others at most SCAN_COUNT_FLUSH_SECONDS later (and
when the process exits): one write now and then instead of one on every view, and no queue of
views waiting on the same row for a popular sticker. Officers see the counts, including the
scans of revoked and replaced certificates, that much later; a process that crashes loses at
most that many seconds of counts. Both are harmless for what the counts are for.
"""

import atexit
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
        self._counts: Counter[tuple[int, date]] = Counter()
        self._oldest: float | None = None

    def add(self, certificate_id: int, day: date) -> bool:
        """Count one scan. True when the waiting counts are due to be written."""
        with self._lock:
            now = self._clock()
            if self._oldest is None:
                self._oldest = now
            self._counts[(certificate_id, day)] += 1
            return now - self._oldest >= self.flush_after_seconds or len(self._counts) >= MOST_WAITING

    def take(self) -> list[ScanRow]:
        """The waiting counts, which are no longer waiting."""
        with self._lock:
            counts, self._counts, self._oldest = self._counts, Counter(), None
        return [(certificate_id, day, count) for (certificate_id, day), count in counts.items()]

    def put_back(self, rows: list[ScanRow]) -> None:
        """Return counts that could not be written, to be tried again with the next."""
        with self._lock:
            for certificate_id, day, count in rows:
                self._counts[(certificate_id, day)] += count
            if self._oldest is None and self._counts:
                self._oldest = self._clock()

    def __len__(self) -> int:
        """How many scans are waiting."""
        with self._lock:
            return sum(self._counts.values())


EXTENSION_KEY = "scheme.pending_scans"


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


_made_lock = threading.Lock()


def count(certificate_id: int, today: date) -> None:
    """Count one scan, and write the counts waiting in this process when they are due."""
    waiting = pending()
    if not waiting.add(certificate_id, today):
        return
    rows = waiting.take()
    try:
        public_page_lookup.write_scan_counts(rows)
    except Exception:
        # The page still answers: the counts wait for the next write.
        waiting.put_back(rows)
        current_app.logger.warning("Could not write %d scan counts; kept for the next try", len(rows),
                                   exc_info=True)


def write_pending() -> int:
    """Write the scans counted in this process and not yet written; how many there were."""
    rows = pending().take()
    public_page_lookup.write_scan_counts(rows)
    return sum(scans for _, _, scans in rows)


def _write_at_exit(app_ref: "weakref.ref[Flask]") -> None:
    app = app_ref()
    if app is None or not len(app.extensions.get(EXTENSION_KEY, ())):
        return
    with app.app_context():
        try:
            write_pending()
        except Exception:  # at exit there is no one to tell but the log
            app.logger.exception("Could not write the last scan counts")
