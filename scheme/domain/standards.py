"""Standards versions: what changed between the version a business pledged to and the current one.

Published versions never change, so comparing by standard code is enough.
"""

from dataclasses import dataclass, field

from scheme.domain.visits import current_standards_version
from scheme.extensions import db
from scheme.models import Standard, StandardsVersion

COMPARED = ("title", "guidance", "evidence_expected", "mandatory", "premises_types")


@dataclass
class StandardsChanges:
    pledged: StandardsVersion
    current: StandardsVersion
    added: list[Standard] = field(default_factory=list)
    removed: list[Standard] = field(default_factory=list)
    changed: list[Standard] = field(default_factory=list)

    @property
    def any(self) -> bool:
        return bool(self.added or self.removed or self.changed)


def compare(old: list[Standard], new: list[Standard]) -> tuple[list[Standard], list[Standard], list[Standard]]:
    """(added, removed, changed) between two lists of standards, matched by code."""
    old_by_code = {s.code: s for s in old}
    new_codes = {s.code for s in new}
    added = [s for s in new if s.code not in old_by_code]
    removed = [s for s in old if s.code not in new_codes]
    changed = [
        s for s in new
        if s.code in old_by_code
        and any(getattr(s, name) != getattr(old_by_code[s.code], name) for name in COMPARED)
    ]
    return added, removed, changed


def standards_changes_since(version_id: int) -> StandardsChanges | None:
    """What changed from this version to the current published one; None when it is current."""
    current = current_standards_version()
    pledged = db.session.get(StandardsVersion, version_id)
    if current is None or pledged is None or current.id == pledged.id:
        return None
    added, removed, changed = compare(list(pledged.standards), list(current.standards))
    return StandardsChanges(pledged, current, added, removed, changed)
