"""The register's endpoints: the accredited premises, one premises, a code, the statistics."""

import hashlib
import re
import json
from datetime import datetime, timezone

from flask import abort, jsonify, request, url_for

from scheme.api import bodies, params
from scheme.api.views import bp, cacheable, etag_for, not_modified, register_as_asked
from scheme.domain import clock
from scheme.domain.certificates.codes import normalise_code
from scheme.domain.register import cursor, entries, statistics
from scheme.domain.register.changes import changes
from scheme.security import public

_PUBLIC_ID = re.compile(r"[0-9A-Z]{1,16}")


def _now() -> datetime:
    return datetime.now(timezone.utc)


def today_in_uk():
    return clock.today()


@bp.route("/api/v1/premises")
@public
def list_premises():
    query = params.list_query(request.query_string)
    after = None
    if query.cursor:
        try:
            after = cursor.decode(query.cursor)
        except cursor.InvalidCursor:
            raise params.BadParameter("cursor", "cursor is not one this API gave out") from None
    today = today_in_uk()
    register, etag, answer = register_as_asked(today)
    if answer is not None:
        return answer
    filters = entries.Filters(q=query.q, premises_type=query.premises_type, area=query.area)
    found, more = entries.accredited_after(filters, today, after, query.limit)
    next_url = None
    if more:
        next_args = {key: value for key, value in (("q", query.q), ("area", query.area)) if value}
        if query.premises_type is not None:
            next_args["type"] = query.premises_type.value
        if query.limit != params.DEFAULT_LIMIT:
            next_args["limit"] = query.limit
        next_url = bodies.base_url() + url_for("api.list_premises", cursor=cursor.encode(found[-1].position),
                                               **next_args)
    body = {**bodies.about(_now(), register.last_changed),
            "data": [bodies.premises(entry) for entry in found],
            "links": {"next": next_url}}
    return cacheable(jsonify(body), etag)


@bp.route("/api/v1/premises/<public_id>")
@public
def show_premises(public_id: str):
    params.parse(request.query_string, ())
    today = today_in_uk()
    register, etag, answer = register_as_asked(today)
    if answer is not None:
        return answer
    entry = entries.by_public_id(public_id, today) if _PUBLIC_ID.fullmatch(public_id) else None
    if entry is None:
        abort(404, "There is no premises with that id in the register")
    return cacheable(jsonify({**bodies.about(_now(), register.last_changed), "data": bodies.premises(entry)}), etag)


@bp.route("/api/v1/verify/<code>")
@public
def verify_code(code: str):
    params.parse(request.query_string, ())
    today = today_in_uk()
    register, etag, answer = register_as_asked(today)
    if answer is not None:
        return answer
    entry = entries.by_code(normalise_code(code), today)
    body = {**bodies.about(_now(), register.last_changed), "data": bodies.verification(code, entry)}
    return cacheable(jsonify(body), etag)


@bp.route("/api/v1/statistics")
@public
def show_statistics():
    params.parse(request.query_string, ())
    today = today_in_uk()
    figures = statistics.snapshot(today)
    # Training and test visits move these figures without touching the register, so the
    # ETag is of the figures themselves (on the day), not of the register's version.
    data = bodies.statistics(figures)
    etag = etag_for(hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest())
    if (answer := not_modified(etag)) is not None:
        return answer
    body = {**bodies.about(_now(), changes(today).last_changed), "data": data}
    return cacheable(jsonify(body), etag)
