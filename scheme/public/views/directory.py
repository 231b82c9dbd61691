"""The public directory of accredited premises, and the live badge a business shows online."""

import hashlib
import math
from flask import abort, current_app, render_template, request

from scheme.domain import clock
from scheme.domain.certificates.codes import normalise_code
from scheme.domain.register import entries
from scheme.domain.register.changes import changes
from scheme.enums import PremisesType
from scheme.ids import parse_id
from scheme.public.views import bp
from scheme.security import public

PAGE_SIZE = 20
MAX_TEXT = 100


def _filters(areas: list[str]) -> entries.Filters:
    args = request.args
    premises_type = args.get("type", "")
    area = args.get("area", "")
    return entries.Filters(
        q=args.get("q", "")[:MAX_TEXT].replace("\x00", ""),
        premises_type=PremisesType(premises_type) if premises_type in set(PremisesType) else None,
        area=area if area in areas else "",
    )


@bp.route("/premises")
@public
def list_accredited_premises():
    today = clock.today()
    areas = entries.areas_listed(today)
    filters = _filters(areas)
    # A page that is not a number the database can count to names no page (not a 500).
    page = parse_id(request.args.get("page", "1"))
    if page is None or page < 1:
        abort(404)
    found, total = entries.accredited_page(filters, today, page, PAGE_SIZE)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page > pages:
        abort(404)
    return render_template("public/list_accredited_premises.html", filters=filters, entries=found, total=total,
                           page=page, pages=pages, areas=areas, types=list(PremisesType),
                           last_changed=changes(today).last_changed)


PREFIX = "/badge/"
BADGE_CACHE_CONTROL = "public, max-age=300"


@bp.route(f"{PREFIX}<code>.svg")
@public
def show_badge(code: str):
    today = clock.today()
    register = changes(today)
    etag = hashlib.sha256(f"{register.version}|{code}".encode()).hexdigest()[:32]
    if etag in request.if_none_match:
        response = current_app.response_class(status=304)
    else:
        entry = entries.by_code(normalise_code(code), today)
        svg = render_template("public/badge.svg", entry=entry,
                              base_url=current_app.config["SCHEME_BASE_URL"].rstrip("/"))
        response = current_app.response_class(svg, status=200 if entry else 404, mimetype="image/svg+xml")
    response.set_etag(etag)
    response.headers["Cache-Control"] = BADGE_CACHE_CONTROL
    return response
