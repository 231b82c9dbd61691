"""How to report a concern: the scheme's reporting routes, and their administration.

Every public verification page shows them, so they are cached in each process under a
version token kept in the database: a change made through any app server writes a new
token, and every process sees it in the same query that reads the certificate.
"""

import re
import uuid
from dataclasses import dataclass

import sqlalchemy as sa

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.errors import NotFound
from scheme.domain.lookup import get_or_not_found
from scheme.domain.transaction import service
from scheme.enums import PremisesType, RouteKind
from scheme.extensions import db
from scheme.models import ReportingRoute, Setting, User

VERSION_KEY = "reporting_routes_version"
_routes = ReportingRoute.__table__
_settings = Setting.__table__


@dataclass(frozen=True)
class Route:
    label: str
    kind: str
    value: str
    what_to_say: str
    emergency: bool
    premises_types: tuple[str, ...]

    @property
    def href(self) -> str:
        if self.kind == RouteKind.WEB:
            return self.value
        number = re.sub(r"[^\d+]", "", self.value)
        return f"sms:{number}" if self.kind == RouteKind.TEXT else f"tel:{number}"

    @property
    def action(self) -> str:
        return {RouteKind.PHONE: "Call", RouteKind.TEXT: "Text", RouteKind.WEB: "Go to"}[RouteKind(self.kind)]


def version_subquery() -> sa.ScalarSelect:
    return sa.select(_settings.c.value).where(_settings.c.key == VERSION_KEY).scalar_subquery()


# {version: {premises type: routes in order}}; only the newest version is kept.
_cache: dict[str, dict[str | None, tuple[Route, ...]]] = {}


def _fetch_active(connection: sa.Connection | None = None) -> tuple[Route, ...]:
    rows = (connection or db.session.connection()).execute(
        sa.select(_routes.c.label, _routes.c.kind, _routes.c.value, _routes.c.what_to_say, _routes.c.emergency,
                  _routes.c.premises_types)
        .where(_routes.c.active.is_(True))
        .order_by(_routes.c.position, _routes.c.id)
    )
    return tuple(Route(row.label, row.kind, row.value, row.what_to_say, row.emergency,
                       tuple(row.premises_types or ())) for row in rows)


def fits(route: Route, premises_type: str | None) -> bool:
    """A route limited to some types of premises (British Transport Police: stations and
    transport) is shown only at those; every other route everywhere. Where no premises is
    known (an unknown code) every route is shown: the reader may be anywhere."""
    return not route.premises_types or premises_type is None or premises_type in route.premises_types


def ordered_for(routes: tuple[Route, ...], premises_type: str | None) -> tuple[Route, ...]:
    """The routes that fit this type of premises: emergency routes first; then the routes
    meant for this type (British Transport Police at a station); then the rest, each group in
    the scheme's order."""
    def rank(route: Route) -> int:
        if route.emergency:
            return 0
        return 1 if premises_type and premises_type in route.premises_types else 2

    return tuple(sorted((route for route in routes if fits(route, premises_type)), key=rank))


def routes_for(premises_type: str | None, version: str | None = None,
               connection: sa.Connection | None = None) -> tuple[Route, ...]:
    """The active routes for a premises type (None: no particular premises).

    With the version read from the database, a cached copy of that version is used; without
    one the routes are read afresh.
    """
    if version is None:
        return ordered_for(_fetch_active(connection), premises_type)
    by_type = _cache.get(version)
    if by_type is None:
        by_type = {None: _fetch_active(connection)}
        _cache.clear()
        _cache[version] = by_type
    routes = by_type.get(premises_type)
    if routes is None:
        routes = by_type[premises_type] = ordered_for(by_type[None], premises_type)
    return routes


def bump_version() -> None:
    """Mark the routes as changed, so every process reads them again. A random token rather
    than a counter: a counter can come back to an old value after a rollback."""
    db.session.merge(Setting(key=VERSION_KEY, value=uuid.uuid4().hex))


# -- Administration -------------------------------------------------------------------------

def all_routes() -> list[ReportingRoute]:
    return list(db.session.scalars(sa.select(ReportingRoute).order_by(ReportingRoute.position, ReportingRoute.id)))


def get_route(route_id: int) -> ReportingRoute:
    route = get_or_not_found(ReportingRoute, route_id, "There is no such reporting route")
    return route


def _apply(route: ReportingRoute, *, label: str, kind: RouteKind, value: str, what_to_say: str,
           premises_types: list[str], emergency: bool, active: bool) -> None:
    route.label = label.strip()
    route.kind = kind
    route.value = value.strip()
    route.what_to_say = what_to_say.strip()
    route.premises_types = [PremisesType(t).value for t in premises_types]
    route.emergency = emergency
    route.active = active


@service
def add_route(*, actor: User, **fields) -> ReportingRoute:
    require_admin(actor)
    last = db.session.scalar(sa.select(sa.func.max(ReportingRoute.position))) or 0
    route = ReportingRoute(position=last + 1)
    _apply(route, **fields)
    db.session.add(route)
    db.session.flush()
    bump_version()
    audit_log.record(actor, "reporting_route.added", subject=f"reporting_route:{route.id}",
                 details=f"{route.label}: {route.value}")
    return route


@service
def update_route(route_id: int, *, actor: User, **fields) -> ReportingRoute:
    require_admin(actor)
    route = get_route(route_id)
    _apply(route, **fields)
    bump_version()
    audit_log.record(actor, "reporting_route.changed", subject=f"reporting_route:{route.id}",
                 details=f"{route.label}: {route.value}{'' if route.active else ' (not active)'}")
    return route


@service
def move_route(route_id: int, *, actor: User, up: bool) -> None:
    """Swap a route with its neighbour in the order."""
    require_admin(actor)
    routes = all_routes()
    index = next((i for i, route in enumerate(routes) if route.id == route_id), None)
    if index is None:
        raise NotFound("There is no such reporting route")
    other = index - 1 if up else index + 1
    if not 0 <= other < len(routes):
        return
    routes[index], routes[other] = routes[other], routes[index]
    for position, route in enumerate(routes):
        route.position = position
    bump_version()
    audit_log.record(actor, "reporting_route.moved", subject=f"reporting_route:{route_id}",
                 details="up" if up else "down")
