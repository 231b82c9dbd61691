"""The bulk files: the register as CSV and JSON, whole or per area, with the licence and as-at."""

import json
from datetime import datetime, timezone

from flask import current_app, request

from scheme.api import bodies, params
from scheme.api.openapi import SCHEMAS
from scheme.api.views import bp, cacheable, register_as_asked
from scheme.api.views.register import today_in_uk
from scheme.domain.register import bulk
from scheme.security import public

PREMISES_FIELDS = SCHEMAS["Premises"]["required"]


def _area() -> str | None:
    values = params.parse(request.query_string, ("area",))
    return values.get("area") or None


def _file(kind: str, mimetype: str, make):
    area = _area()
    today = today_in_uk()
    register, etag, answer = register_as_asked(today)
    if answer is not None:
        return answer

    def made() -> bytes:
        about = bodies.about(datetime.now(timezone.utc), register.last_changed, live=False)
        rows = [bodies.premises(entry) for entry in bulk.entries_for(today, area)]
        return make(about, rows)

    content = bulk.cached(kind, register.version, area, made)
    response = current_app.response_class(content, mimetype=mimetype)
    name = f"register-{area}" if area else "register"
    response.headers["Content-Disposition"] = f'inline; filename="{_safe(name)}.{kind}"'
    return cacheable(response, etag)


def _safe(name: str) -> str:
    return "".join(ch if ch.isascii() and ch.isalnum() else "-" for ch in name).strip("-") or "register"


@bp.route("/api/v1/bulk/premises.json")
@public
def bulk_json():
    def make(about: dict, rows: list[dict]) -> bytes:
        return json.dumps({**about, "data": rows, "links": {"next": None}}, ensure_ascii=False).encode()

    return _file("json", "application/json", make)


@bp.route("/api/v1/bulk/premises.csv")
@public
def bulk_csv():
    def make(about: dict, rows: list[dict]) -> bytes:
        preamble = [f"Spot It Stop It register, as at {about['as_at']}; register last changed "
                    f"{about['register_last_changed']}", f"Licence: {about['licence']['name']} {about['licence']['url']}"]
        return bulk.csv_file(PREMISES_FIELDS, rows, preamble)

    return _file("csv", "text/csv", make)
