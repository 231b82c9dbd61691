"""Standards versions: what changed between the version a business pledged to and the current one.

Published versions never change, so comparing by standard code is enough.
"""

from dataclasses import dataclass, field

from sqlalchemy.orm import selectinload

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.errors import InvalidState, NotFound
from scheme.domain.lookup import get_or_not_found
from scheme.domain.transaction import service
from scheme.enums import StandardsVersionStatus
from scheme.extensions import db
from scheme.models import Standard, StandardsVersion, User
from scheme.models.base import utcnow

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


def current_standards_version() -> StandardsVersion | None:
    """The standards in force: the latest published version, with its standards."""
    return db.session.scalar(
        db.select(StandardsVersion)
        .where(StandardsVersion.status == StandardsVersionStatus.PUBLISHED)
        .options(selectinload(StandardsVersion.standards))
        .order_by(StandardsVersion.number.desc())
        .limit(1)
    )


def _version_with_standards(version_id: int) -> StandardsVersion | None:
    return db.session.scalar(db.select(StandardsVersion).where(StandardsVersion.id == version_id)
                             .options(selectinload(StandardsVersion.standards)))


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
    pledged = _version_with_standards(version_id)
    if current is None or pledged is None or current.id == pledged.id:
        return None
    added, removed, changed = compare(list(pledged.standards), list(current.standards))
    return StandardsChanges(pledged, current, added, removed, changed)


def versions() -> list[StandardsVersion]:
    return list(db.session.scalars(db.select(StandardsVersion).options(selectinload(StandardsVersion.standards))
                                   .order_by(StandardsVersion.number.desc())))


def get_version(version_id: int) -> StandardsVersion:
    version = _version_with_standards(version_id)
    if version is None:
        raise NotFound("There is no such standards version")
    return version


def get_standard(standard_id: int) -> Standard:
    standard = get_or_not_found(Standard, standard_id, "There is no such standard")
    return standard


def _draft(version_id: int) -> StandardsVersion:
    version = get_version(version_id)
    if version.status != StandardsVersionStatus.DRAFT:
        raise InvalidState(f"Version {version.number} is published and can no longer be changed: start a new draft")
    return version


@service
def start_draft(admin: User) -> StandardsVersion:
    """A new draft version, copied from the newest version so that edits start from what is there."""
    require_admin(admin)
    latest = db.session.scalar(db.select(StandardsVersion).options(selectinload(StandardsVersion.standards))
                               .order_by(StandardsVersion.number.desc()).limit(1))
    if latest is not None and latest.status == StandardsVersionStatus.DRAFT:
        raise InvalidState(f"Version {latest.number} is already a draft: edit or publish it first")
    version = StandardsVersion(number=(latest.number + 1) if latest else 1, status=StandardsVersionStatus.DRAFT)
    for standard in latest.standards if latest else []:
        version.standards.append(Standard(position=standard.position, code=standard.code, title=standard.title,
                                          guidance=standard.guidance, evidence_expected=standard.evidence_expected,
                                          mandatory=standard.mandatory, premises_types=list(standard.premises_types)))
    db.session.add(version)
    db.session.flush()
    audit_log.record(admin, "standards.draft_started", subject=f"standards_version:{version.id}",
                 details=f"Version {version.number}")
    return version


@service
def save_standard(admin: User, version_id: int, standard_id: int | None, **fields) -> Standard:
    require_admin(admin)
    version = _draft(version_id)
    code = fields["code"]
    clash = db.session.scalar(db.select(Standard).where(Standard.version_id == version.id, Standard.code == code))
    if clash is not None and clash.id != standard_id:
        raise InvalidState(f"Version {version.number} already has a standard with the code {code}")
    if standard_id is None:
        standard = Standard(position=len(version.standards))
        version.standards.append(standard)  # so the draft in hand lists it too (publish reads the list)
    else:
        standard = get_standard(standard_id)
        if standard.version_id != version.id:
            raise NotFound("There is no such standard in this version")
    for name, value in fields.items():
        setattr(standard, name, value)
    db.session.flush()
    audit_log.record(admin, "standards.standard_saved", subject=f"standards_version:{version.id}",
                 details=f"{code}: {fields['title']}")
    return standard


@service
def move_standard(admin: User, version_id: int, standard_id: int, step: int) -> None:
    require_admin(admin)
    version = _draft(version_id)
    ordered = list(version.standards)
    index = next((i for i, s in enumerate(ordered) if s.id == standard_id), None)
    if index is None:
        raise NotFound("There is no such standard in this version")
    target = max(0, min(len(ordered) - 1, index + step))
    ordered.insert(target, ordered.pop(index))
    for position, standard in enumerate(ordered):
        standard.position = position
    audit_log.record(admin, "standards.reordered", subject=f"standards_version:{version.id}")


@service
def publish(admin: User, version_id: int, summary_of_changes: str) -> StandardsVersion:
    require_admin(admin)
    version = _draft(version_id)
    if not version.standards:
        raise InvalidState("Add at least one standard before publishing")
    version.status = StandardsVersionStatus.PUBLISHED
    version.published_at = utcnow()
    version.summary_of_changes = summary_of_changes
    audit_log.record(admin, "standards.published", subject=f"standards_version:{version.id}",
                 details=f"Version {version.number}: {summary_of_changes}")
    return version
