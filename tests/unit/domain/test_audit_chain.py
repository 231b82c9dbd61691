from dataclasses import replace
from datetime import datetime, timedelta, timezone

import pytest

from scheme.domain import audit_chain
from scheme.domain.audit_chain import ChainedEntry, walk

START = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=timezone.utc)


def _chain(count: int) -> list[ChainedEntry]:
    entries, previous = [], audit_chain.GENESIS
    for sequence in range(1, count + 1):
        fields = dict(sequence=sequence, at=START + timedelta(minutes=sequence), user_id=sequence % 3 or None,
                      action="certificate.issued", premises_id=7, subject=f"certificate:{sequence}",
                      details=f"SISI-2026-{sequence:05d}", previous_hash=previous)
        own = audit_chain.entry_hash(**fields)
        entries.append(ChainedEntry(id=100 + sequence, entry_hash=own, **fields))
        previous = own
    return entries


def test_an_untouched_chain_is_intact_and_reports_its_head():
    entries = _chain(5)
    report = walk(entries)
    assert report.intact
    assert (report.entries, report.head_sequence, report.head_hash) == (5, 5, entries[-1].entry_hash)


def test_an_empty_log_is_intact_even_against_an_empty_last_check():
    assert walk([], anchor=(0, audit_chain.GENESIS)).intact


def test_the_same_instant_hashes_the_same_whether_stored_naive_or_aware():
    entry = _chain(1)[0]
    naive = replace(entry, at=entry.at.replace(tzinfo=None))
    in_paris = replace(entry, at=entry.at.astimezone(timezone(timedelta(hours=1))))
    assert walk([naive]).intact and walk([in_paris]).intact


@pytest.mark.parametrize("field, value", [
    ("details", "SISI-2026-99999"), ("action", "certificate.revoked"), ("user_id", 1), ("premises_id", 8),
    ("subject", "certificate:1"), ("at", START),
])
def test_an_altered_entry_is_named(field, value):
    entries = _chain(5)
    entries[2] = replace(entries[2], **{field: value})
    report = walk(entries)
    assert report.problem.sequence == 3 and report.problem.entry_id == 103
    assert "altered" in report.problem.explanation


def test_an_entry_rehashed_after_altering_breaks_the_link_to_the_next():
    entries = _chain(5)
    forged = replace(entries[1], details="forged")
    entries[1] = replace(forged, entry_hash=audit_chain.entry_hash(
        **{key: getattr(forged, key) for key in ("sequence", "at", "user_id", "action", "premises_id", "subject",
                                                   "details", "previous_hash")}))
    report = walk(entries)
    assert report.problem.sequence == 3
    assert "does not follow" in report.problem.explanation


def test_a_removed_entry_is_named():
    entries = _chain(5)
    del entries[3]
    report = walk(entries)
    assert report.problem.sequence == 4 and report.problem.entry_id is None
    assert "entry 4 is missing" in report.problem.explanation


def test_an_inserted_entry_is_named():
    entries = _chain(5)
    entries.insert(2, replace(entries[1], id=999))
    report = walk(entries)
    assert report.problem.entry_id == 999
    assert "inserted" in report.problem.explanation


def test_entries_cut_from_the_end_are_found_against_the_last_check():
    entries = _chain(5)
    assert walk(entries[:3]).intact  # without the last check, a shorter log looks whole
    report = walk(entries[:3], anchor=(5, entries[4].entry_hash))
    assert "removed from its end" in report.problem.explanation


def test_a_log_rewritten_from_the_start_is_found_against_the_last_check():
    original = _chain(4)
    rewritten = [replace(entry, user_id=42) for entry in original]
    previous = audit_chain.GENESIS
    for index, entry in enumerate(rewritten):
        fields = {key: getattr(entry, key) for key in ("sequence", "at", "user_id", "action", "premises_id",
                                                       "subject", "details")}
        rewritten[index] = replace(entry, previous_hash=previous,
                                   entry_hash=audit_chain.entry_hash(**fields, previous_hash=previous))
        previous = rewritten[index].entry_hash
    assert walk(rewritten).intact
    report = walk(rewritten, anchor=(3, original[2].entry_hash))
    assert report.problem.sequence == 3
    assert "differs from the last check" in report.problem.explanation
