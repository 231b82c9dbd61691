"""The API blueprint: JSON in one error shape, conditional GETs, CORS and a per-client rate
limit on everything under /api/v1/; the human page /api explains it."""

import hashlib

from flask import Blueprint, current_app, jsonify, request
from werkzeug.exceptions import HTTPException

from scheme import errors
from scheme.api.params import BadParameter
from scheme.domain.register.changes import changes
from scheme.security import limit_every_request, seconds_until_limit_resets

PREFIX = "/api/v1/"
RATE_LIMIT = "120 per minute"
# Short enough that a suspension reaches a re-user within a minute, as on the public page.
CACHE_CONTROL = "public, max-age=60"
LICENCE = {
    "name": "Open Government Licence v3.0",
    "url": "https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/",
}

bp = Blueprint("api", __name__)
# Once, here: the limiter and the blueprint are shared by every app the process makes.
limit_every_request(bp, RATE_LIMIT, under=PREFIX)


def error_response(status: int, code: str, message: str, parameter: str | None = None, headers=None):
    """The one shape of every API error."""
    body = {"error": {"status": status, "code": code, "message": message}}
    if parameter is not None:
        body["error"]["parameter"] = parameter
    response = jsonify(body)
    response.status_code = status
    response.headers["Cache-Control"] = "no-store"
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return _cors(response)


_CODES = {400: "bad_request", 404: "not_found", 405: "method_not_allowed", 429: "rate_limited",
          500: "server_error", 503: "unavailable"}


def _http_error(error: HTTPException):
    status = error.code or 500
    headers = {}
    if status == 405 and getattr(error, "valid_methods", None):
        headers["Allow"] = ", ".join(error.valid_methods)
    if status == 429:
        headers["Retry-After"] = str(seconds_until_limit_resets())
        return error_response(429, "rate_limited", "Too many requests: wait, then try again", headers=headers)
    code = _CODES.get(status, "error")
    message = error.description if status in (400, 404, 405) and isinstance(error.description, str) else code
    return error_response(status, code, message, headers=headers)


@bp.errorhandler(BadParameter)
def _bad_parameter(error: BadParameter):
    return error_response(400, "invalid_parameter", error.message, parameter=error.parameter)


@bp.errorhandler(HTTPException)
def _blueprint_http_error(error: HTTPException):
    if not request.path.startswith(PREFIX):
        return errors.render_error(error.code if error.code in errors.ERROR_PAGES else 500)
    return _http_error(error)


def _cors(response):
    response.headers["Access-Control-Allow-Origin"] = "*"
    response.headers["Access-Control-Expose-Headers"] = "ETag, Retry-After, Link"
    if request.method == "OPTIONS":
        response.headers["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response.headers["Access-Control-Allow-Headers"] = "If-None-Match"
        response.headers["Access-Control-Max-Age"] = "86400"
    return response


@bp.after_request
def _headers(response):
    if request.path.startswith(PREFIX):
        _cors(response)
    return response


def etag_for(version: str) -> str:
    # The register's version and the exact request: the same question of the same register
    # has the same answer.
    return hashlib.sha256(f"{version}|{request.full_path}".encode()).hexdigest()[:32]


def not_modified(etag: str):
    """A 304 when the client already holds this answer, or None to go on and make it."""
    if etag in request.if_none_match:
        response = current_app.response_class(status=304)
        response.set_etag(etag)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
    return None


def register_as_asked(today):
    """The register's state today, this request's ETag for it, and a 304 when the client
    already holds the answer (None: go on and make it)."""
    state = changes(today)
    etag = etag_for(state.version)
    return state, etag, not_modified(etag)


def cacheable(response, etag: str):
    response.set_etag(etag)
    response.headers["Cache-Control"] = CACHE_CONTROL
    return response


def init_app(app) -> None:
    # Unmatched URLs (a mistyped path, a POST) under /api/v1/ belong to no blueprint: they
    # answer in the API's JSON too.
    errors.answer_under(PREFIX, _http_error)


from scheme.api.views import bulk, docs, register  # noqa: E402,F401  (registers the routes)
