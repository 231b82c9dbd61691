"""The scheme's areas: the list the admin manages (names, postcode districts, retired or
not), the area a postcode suggests, and the officers assigned to each.

An area's name is compared folded (`name_key`): "Galleys Corner" and "galley's  corner"
name the same area, in the admin's list and in every filter that takes a name (the API's
`area`). Premises point at an area by id, so a rename shows everywhere at once.
"""

import re
from collections.abc import Iterable
from dataclasses import dataclass

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.access import require_admin, require_staff
from scheme.domain.errors import InvalidState, NotFound
from scheme.domain.lookup import get_or_not_found, load_related
from scheme.domain.premises.postcodes import InvalidPostcode, normalise_postcode
from scheme.domain.transaction import service
from scheme.enums import STAFF_ROLES
from scheme.extensions import db
from scheme.models import Area, AreaDistrict, OfficerArea, Premises, StickerBatch, User

# An outward code on its own: A9, A99, AA9, AA99, A9A, AA9A.
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")


class InvalidDistrict(ValueError):
    pass


class NameTaken(InvalidState):
    pass


class DistrictTaken(InvalidState):
    pass


def name_key(name: str) -> str:
    """The name folded for comparing: case, apostrophes, other punctuation and spaces do not
    count. (The migration that brought areas in keeps its own copy of this.)"""
    folded = re.sub(r"['\u2018\u2019`\u00b4]", "", (name or "").casefold())
    return " ".join(re.sub(r"[\W_]+", " ", folded).split())


def parse_districts(text: str) -> list[str]:
    """Outward codes from what the admin typed: separated by commas, spaces or new lines, in
    any case. Raises InvalidDistrict naming the first that is not one."""
    districts = []
    for part in re.split(r"[\s,;]+", (text or "").upper()):
        if not part:
            continue
        if not _DISTRICT.match(part):
            raise InvalidDistrict(f"{part[:10]} is not a postcode district: enter outward codes like SS14 or CM7")
        if part not in districts:
            districts.append(part)
    return sorted(districts)


def district_of(postcode: str) -> str | None:
    """The postcode's district (its outward code), or None when it is not a postcode."""
    try:
        return normalise_postcode(postcode).split(" ")[0]
    except InvalidPostcode:
        return None


@dataclass(frozen=True)
class AreaChoice:
    id: int
    name: str


# -- Reading ---------------------------------------------------------------------------------

def choices(*, including: Iterable[int | None] = ()) -> list[AreaChoice]:
    """The active areas, by name, to choose from; plus those in `including` (a premises'
    current area, an officer's) when retired since, so a choice made still shows."""
    kept = [area_id for area_id in including if area_id is not None]
    query = sa.select(Area.id, Area.name).order_by(Area.name, Area.id)
    query = query.where(sa.or_(Area.active.is_(True), Area.id.in_(kept)) if kept else Area.active.is_(True))
    return [AreaChoice(row.id, row.name) for row in db.session.execute(query)]


def in_use() -> list[AreaChoice]:
    """Every area a premises is in, active or retired: what the officers' filters offer."""
    query = (sa.select(Area.id, Area.name)
             .where(sa.exists().where(Premises.area_id == Area.id))
             .order_by(Area.name, Area.id))
    return [AreaChoice(row.id, row.name) for row in db.session.execute(query)]


def suggested_for(postcode: str) -> int | None:
    """The active area whose districts hold the postcode's district, if one does."""
    district = district_of(postcode)
    if district is None:
        return None
    return db.session.scalar(
        sa.select(AreaDistrict.area_id).join(Area, Area.id == AreaDistrict.area_id)
        .where(AreaDistrict.district == district, Area.active.is_(True)))


def is_choosable(area_id: int | None, *, current: int | None = None) -> bool:
    """May a premises be put in this area: an active one, or the one it is in already."""
    if area_id is None:
        return False
    if area_id == current:
        return True
    return bool(db.session.scalar(sa.select(Area.active).where(Area.id == area_id)))


def id_named(name: str) -> int | None:
    """The area with this name, folded (`name_key`); None when there is none."""
    key = name_key(name)
    return db.session.scalar(sa.select(Area.id).where(Area.key == key)) if key else None


def named(column: sa.ColumnElement, name: str) -> sa.ColumnElement[bool]:
    """SQL: `column` (an area id) is the area with this name, folded; false for a name no
    area has. One clause, no statement of its own."""
    return column == sa.select(Area.id).where(Area.key == name_key(name)).scalar_subquery()


def names_in_use() -> list[str]:
    """The names of every area a premises is in: what the officers' filters offer."""
    return [area.name for area in in_use()]


def name_of(area_id: int | None) -> str:
    return (db.session.scalar(sa.select(Area.name).where(Area.id == area_id)) or "") if area_id else ""


@dataclass(frozen=True)
class AreaRow:
    area: Area
    premises: int
    officers: list[str]


def all_areas() -> list[AreaRow]:
    """Every area, active first then by name, with its districts, how many premises are in
    it and who is assigned to it. Three statements."""
    areas = list(db.session.scalars(
        sa.select(Area).order_by(Area.active.desc(), Area.name, Area.id).options(sa.orm.selectinload(Area.districts))))
    counts = dict(db.session.execute(
        sa.select(Premises.area_id, sa.func.count()).where(Premises.area_id.is_not(None)).group_by(Premises.area_id)).all())
    officers: dict[int, list[str]] = {}
    for area_id, name in db.session.execute(
            sa.select(OfficerArea.area_id, User.name).join(User, User.id == OfficerArea.user_id)
            .where(User.active.is_(True)).order_by(User.name)):
        officers.setdefault(area_id, []).append(name)
    return [AreaRow(area, counts.get(area.id, 0), officers.get(area.id, [])) for area in areas]


def get_area(area_id: int) -> Area:
    area = get_or_not_found(Area, area_id, "There is no such area")
    return load_related(area, sa.orm.selectinload(Area.districts))


def _used(area_id: int) -> bool:
    return bool(db.session.scalar(sa.select(sa.exists().where(Premises.area_id == area_id)))
                or db.session.scalar(sa.select(sa.exists().where(StickerBatch.area_id == area_id))))


def may_delete(area_id: int) -> bool:
    return not _used(area_id)


# -- The admin's changes ------------------------------------------------------------------------

def _check_name(name: str, area_id: int | None) -> tuple[str, str]:
    name = " ".join((name or "").split())
    key = name_key(name)
    if not key:
        raise InvalidState("Enter the area's name")
    clash = db.session.scalar(sa.select(Area.name).where(Area.key == key, Area.id != area_id)) if area_id else \
        db.session.scalar(sa.select(Area.name).where(Area.key == key))
    if clash is not None:
        raise NameTaken(f"There is already an area called {clash}")
    return name, key


def _set_districts(area: Area, districts: list[str]) -> None:
    taken = dict(db.session.execute(
        sa.select(AreaDistrict.district, Area.name).join(Area, Area.id == AreaDistrict.area_id)
        .where(AreaDistrict.district.in_(districts), AreaDistrict.area_id != (area.id or 0))).all())
    if taken:
        district = sorted(taken)[0]
        raise DistrictTaken(f"{district} is already in {taken[district]}: a district belongs to one area")
    area.districts = [next((d for d in area.districts if d.district == district), None) or AreaDistrict(district=district)
                      for district in districts]


@service
def add_area(*, actor: User, name: str, districts: list[str]) -> Area:
    require_admin(actor)
    name, key = _check_name(name, None)
    area = Area(name=name, key=key, active=True)
    area.districts = []
    _set_districts(area, districts)
    db.session.add(area)
    db.session.flush()
    audit_log.record(actor, "area.added", subject=f"area:{area.id}", details=_described(area))
    return area


@service
def update_area(area_id: int, *, actor: User, name: str, districts: list[str]) -> Area:
    """Rename an area and set its districts. A rename shows at once on every premises in it."""
    require_admin(actor)
    area = get_area(area_id)
    before = area.name
    area.name, area.key = _check_name(name, area.id)
    _set_districts(area, districts)
    details = _described(area) if before == area.name else f"{before} renamed {_described(area)}"
    audit_log.record(actor, "area.changed", subject=f"area:{area.id}", details=details)
    return area


@service
def set_active(area_id: int, *, actor: User, active: bool) -> Area:
    """Retire an area (offered to nobody new; its premises stay in it) or bring it back."""
    require_admin(actor)
    area = get_area(area_id)
    if area.active == active:
        return area
    area.active = active
    audit_log.record(actor, "area.reactivated" if active else "area.retired", subject=f"area:{area.id}",
                     details=area.name)
    return area


@service
def delete_area(area_id: int, *, actor: User) -> str:
    """Delete an area nothing points at (one added by mistake). One in use is retired instead."""
    require_admin(actor)
    area = get_area(area_id)
    if _used(area.id):
        raise InvalidState(f"{area.name} has premises or print batches in it: retire it instead")
    name = area.name
    db.session.execute(sa.delete(OfficerArea).where(OfficerArea.area_id == area.id))
    db.session.delete(area)
    audit_log.record(actor, "area.deleted", subject=f"area:{area_id}", details=name)
    return name


def _described(area: Area) -> str:
    districts = ", ".join(d.district for d in area.districts)
    return f"{area.name} ({districts})" if districts else area.name


@service
def move_premises(premises_id: int, area_id: int, *, actor: User) -> Premises:
    """An officer's correction of the area a premises is in (the business chose the wrong one)."""
    require_staff(actor)
    premises = get_or_not_found(Premises, premises_id, "There is no such premises")
    if not is_choosable(area_id, current=premises.area_id):
        raise InvalidState("Select an area from the list")
    if premises.area_id == area_id:
        return premises
    before = premises.area or "none"
    premises.area_id = area_id
    audit_log.record(actor, "premises.area_changed", premises_id=premises.id, subject=f"premises:{premises.id}",
                     details=f"from {before} to {name_of(area_id)}")
    return premises


# -- Officers' areas ----------------------------------------------------------------------------

def names_by_officer() -> dict[int, list[str]]:
    """{user id: the names of the areas they look after}, for the admin's list of staff."""
    names: dict[int, list[str]] = {}
    for user_id, name in db.session.execute(
            sa.select(OfficerArea.user_id, Area.name).join(Area, Area.id == OfficerArea.area_id).order_by(Area.name)):
        names.setdefault(user_id, []).append(name)
    return names


def areas_of(user_id: int) -> list[int]:
    return list(db.session.scalars(sa.select(OfficerArea.area_id).where(OfficerArea.user_id == user_id)))


@service
def assign_officer(user_id: int, *, actor: User, area_ids: list[int]) -> None:
    """Set the areas an officer or admin looks after: they are told of those areas' premises."""
    require_admin(actor)
    user = get_or_not_found(User, user_id, "There is no such user")
    if user.role not in STAFF_ROLES:
        raise InvalidState("Only officers and administrators look after areas")
    wanted = set(area_ids)
    known = set(db.session.scalars(sa.select(Area.id).where(Area.id.in_(wanted)))) if wanted else set()
    if known != wanted:
        raise NotFound("There is no such area")
    current = set(areas_of(user.id))
    if current == wanted:
        return
    db.session.execute(sa.delete(OfficerArea).where(OfficerArea.user_id == user.id, OfficerArea.area_id.not_in(wanted)))
    db.session.add_all(OfficerArea(user_id=user.id, area_id=area_id) for area_id in wanted - current)
    names = ", ".join(db.session.scalars(sa.select(Area.name).where(Area.id.in_(wanted)).order_by(Area.name))) or "none"
    audit_log.record(actor, "user.areas_set", subject=f"user:{user.id}", details=f"Areas: {names}")
