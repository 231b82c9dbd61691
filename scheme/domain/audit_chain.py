"""The audit log's hash chain: each entry carries the hash of the entry before it and of its
own content, so an entry altered, inserted or removed behind the service's back is found.

The hash of an entry must never change once entries exist: the migration that added the chain
hashed the entries already there with this same function."""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timezone

GENESIS = "0" * 64


@dataclass(frozen=True)
class ChainedEntry:
    """What the chain covers of one entry, as read back from the database."""

    id: int
    sequence: int
    at: datetime
    user_id: int | None
    action: str
    premises_id: int | None
    subject: str
    details: str
    previous_hash: str
    entry_hash: str


@dataclass(frozen=True)
class ChainProblem:
    sequence: int
    entry_id: int | None
    explanation: str


@dataclass(frozen=True)
class ChainReport:
    entries: int
    head_sequence: int
    head_hash: str
    problem: ChainProblem | None

    @property
    def intact(self) -> bool:
        return self.problem is None


def _utc_text(at: datetime) -> str:
    # SQLite gives back naive datetimes, PostgreSQL aware ones in the session's zone: hash
    # the same instant the same way whichever database stored it.
    if at.tzinfo is not None:
        at = at.astimezone(timezone.utc).replace(tzinfo=None)
    return at.strftime("%Y-%m-%dT%H:%M:%S.%f")


def entry_hash(*, sequence: int, at: datetime, user_id: int | None, action: str, premises_id: int | None,
               subject: str, details: str, previous_hash: str) -> str:
    canonical = json.dumps(
        [sequence, _utc_text(at), user_id, action, premises_id, subject, details, previous_hash],
        ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


def _content_hash(entry: ChainedEntry) -> str:
    return entry_hash(sequence=entry.sequence, at=entry.at, user_id=entry.user_id, action=entry.action,
                      premises_id=entry.premises_id, subject=entry.subject, details=entry.details,
                      previous_hash=entry.previous_hash)


def walk(entries: Iterable[ChainedEntry], anchor: tuple[int, str] | None = None) -> ChainReport:
    """Checks entries given in sequence order. The anchor (sequence, hash) is the head that the
    last clean check saw: an entry at or before it that no longer carries that hash, or a log
    that now ends before it, was rewritten or cut since."""
    expected_sequence, previous_hash, count = 1, GENESIS, 0
    anchor_seen = anchor is None or anchor[0] == 0

    def report(problem: ChainProblem | None) -> ChainReport:
        return ChainReport(entries=count, head_sequence=expected_sequence - 1, head_hash=previous_hash, problem=problem)

    for entry in entries:
        if entry.sequence > expected_sequence:
            missing = (f"entry {expected_sequence} is missing" if entry.sequence == expected_sequence + 1
                       else f"entries {expected_sequence} to {entry.sequence - 1} are missing")
            return report(ChainProblem(expected_sequence, None, f"{missing}: removed from the log"))
        if entry.sequence < expected_sequence:
            return report(ChainProblem(entry.sequence, entry.id,
                                       f"entry {entry.sequence} (id {entry.id}) appears twice: inserted into the log"))
        if _content_hash(entry) != entry.entry_hash:
            return report(ChainProblem(entry.sequence, entry.id,
                                       f"entry {entry.sequence} (id {entry.id}) was altered: its content no longer matches its hash"))
        if entry.previous_hash != previous_hash:
            return report(ChainProblem(entry.sequence, entry.id,
                                       f"entry {entry.sequence} (id {entry.id}) does not follow the entry before it: "
                                       "an entry was inserted, removed or rewritten here"))
        if anchor is not None and entry.sequence == anchor[0]:
            if entry.entry_hash != anchor[1]:
                return report(ChainProblem(entry.sequence, entry.id,
                                           f"entry {entry.sequence} (id {entry.id}) differs from the last check: "
                                           "the log was rewritten up to here"))
            anchor_seen = True
        count += 1
        expected_sequence, previous_hash = entry.sequence + 1, entry.entry_hash
    if not anchor_seen:
        return report(ChainProblem(expected_sequence, None,
                                   f"the log ends at entry {expected_sequence - 1}, but the last check saw "
                                   f"{anchor[0]}: entries were removed from its end"))
    return report(None)
