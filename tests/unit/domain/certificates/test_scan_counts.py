"""Scans waiting in a process to be written: when they are due, and that none is lost or doubled."""

import threading
from datetime import date

from scheme.domain.certificates.scan_counts import MOST_WAITING, PendingScans

DAY = date(2026, 11, 29)


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_scans_are_due_once_the_oldest_has_waited_the_flush_interval():
    clock = Clock()
    scans = PendingScans(60, clock=clock)
    assert scans.add(1, "", DAY) is False
    clock.now += 59
    assert scans.add(1, "", DAY) is False
    clock.now += 1
    assert scans.add(2, "", DAY) is True


def test_taking_returns_the_counts_per_certificate_sticker_and_day_and_starts_afresh():
    clock = Clock()
    scans = PendingScans(60, clock=clock)
    for certificate_id, serial, day in [(1, "", DAY), (1, "", DAY), (2, "", DAY), (1, "", date(2026, 11, 30)),
                                        (1, "2", DAY), (1, "2", DAY)]:
        scans.add(certificate_id, serial, day)
    assert sorted(scans.take()) == [(1, "", DAY, 2), (1, "", date(2026, 11, 30), 1), (1, "2", DAY, 2),
                                    (2, "", DAY, 1)]
    assert scans.take() == []
    clock.now += 120
    # The interval counts from the first scan after taking, not from the first ever.
    assert scans.add(1, "", DAY) is False


def test_with_no_interval_every_scan_is_due():
    scans = PendingScans(0, clock=Clock())
    assert scans.add(1, "", DAY) is True


def test_very_many_waiting_certificates_are_due_before_the_interval():
    scans = PendingScans(60, clock=Clock())
    dues = [scans.add(certificate_id, "", DAY) for certificate_id in range(MOST_WAITING)]
    assert dues[-1] is True and not any(dues[:-1])


def test_counts_put_back_after_a_failed_write_are_added_to_the_next():
    clock = Clock()
    scans = PendingScans(60, clock=clock)
    scans.add(1, "", DAY)
    failed = scans.take()
    scans.add(1, "", DAY)
    scans.put_back(failed)
    assert scans.take() == [(1, "", DAY, 2)]
    scans.put_back([(3, "", DAY, 4)])
    clock.now += 60
    assert scans.add(3, "", DAY) is True  # the interval runs from when they were put back
    assert scans.take() == [(3, "", DAY, 5)]


def test_threads_counting_at_once_lose_nothing():
    scans = PendingScans(3600, clock=Clock())
    taken = []

    def count():
        for _ in range(2000):
            scans.add(1, "", DAY)
        taken.extend(scans.take())

    threads = [threading.Thread(target=count) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sum(count for *_, count in taken) == 8000
