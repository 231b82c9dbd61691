"""The API's OpenAPI 3.1 description, served at /api/v1/openapi.json.

Written out by hand beside the code it describes; a test runs schemathesis against the
running app with it, so a field, parameter or status answered but not written here (or
written here but not answered) fails the build.
"""

from scheme.api.params import MAX_LIMIT, MAX_TEXT
from scheme.api.views import LICENCE, RATE_LIMIT
from scheme.domain.register.statistics import PUBLIC_STATES
from scheme.domain.register.status import PublicStatus
from scheme.enums import PremisesType

_TEXT = {"type": "string", "maxLength": MAX_TEXT, "pattern": "^[^\\u0000-\\u001f]*$"}
_DATE = {"type": "string", "format": "date"}
_NULLABLE_DATE = {"type": ["string", "null"], "format": "date"}
_STATUS = {"type": "string", "enum": [status.value for status in PublicStatus]}


def _ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def _json(schema_name: str, description: str, *, cached: bool = True) -> dict:
    response = {"description": description, "content": {"application/json": {"schema": _ref(schema_name)}}}
    if cached:
        response["headers"] = {"ETag": {"$ref": "#/components/headers/ETag"},
                               "Cache-Control": {"$ref": "#/components/headers/CacheControl"}}
    return response


_ERRORS = {
    "304": {"description": "Not modified: the ETag given in If-None-Match is still current"},
    "400": {"$ref": "#/components/responses/BadRequest"},
    "429": {"$ref": "#/components/responses/RateLimited"},
}

_ABOUT = {
    "licence": {"type": "object", "required": ["name", "url"],
                "properties": {"name": {"type": "string"}, "url": {"type": "string", "format": "uri"}}},
    "live": {"type": "boolean", "description": "true: read from the register as it is now; "
                                               "false: a file made from it (see as_at)"},
    "as_at": {"type": "string", "format": "date-time", "description": "When this answer was made"},
    "register_last_changed": {"type": ["string", "null"], "format": "date-time",
                              "description": "When anything the register shows last changed"},
}
_ABOUT_REQUIRED = ["licence", "live", "as_at", "register_last_changed"]

SCHEMAS = {
    "Premises": {
        "type": "object",
        "required": ["id", "reference", "name", "type", "type_label", "address", "town", "postcode",
                     "outward_postcode", "area", "status", "accredited_until", "certificate_number",
                     "certificate_code", "public_page", "badge"],
        "properties": {
            "id": {"type": "string", "description": "Stable public id of the premises"},
            "reference": {"type": "string", "description": "The scheme's own reference, e.g. SISI-P-00042"},
            "name": {"type": "string", "description": "Trading name (or name)"},
            "type": {"type": "string", "enum": [t.value for t in PremisesType]},
            "type_label": {"type": "string"},
            "address": {"type": "string", "description": "As published: for a premises run from a home, "
                                                         "the town and outward postcode only"},
            "town": {"type": "string"},
            "postcode": {"type": "string", "description": "As published (outward code only for a home)"},
            "outward_postcode": {"type": "string", "examples": ["CM7"]},
            "area": {"type": "string", "description": "The area it is in, from the list of areas the scheme keeps"},
            "status": _STATUS,
            "accredited_until": _NULLABLE_DATE,
            "certificate_number": {"type": "string", "examples": ["SISI-2026-00042"]},
            "certificate_code": {"type": "string", "description": "The code printed under the sticker's QR"},
            "public_page": {"type": "string", "format": "uri"},
            "badge": {"type": "string", "format": "uri"},
        },
    },
    "PremisesList": {
        "type": "object",
        "required": [*_ABOUT_REQUIRED, "data", "links"],
        "properties": {
            **_ABOUT,
            "data": {"type": "array", "items": _ref("Premises")},
            "links": {"type": "object", "required": ["next"],
                      "properties": {"next": {"type": ["string", "null"], "format": "uri",
                                              "description": "The next page, or null on the last"}}},
        },
    },
    "OnePremises": {
        "type": "object", "required": [*_ABOUT_REQUIRED, "data"],
        "properties": {**_ABOUT, "data": _ref("Premises")},
    },
    "Verification": {
        "type": "object", "required": [*_ABOUT_REQUIRED, "data"],
        "properties": {**_ABOUT, "data": {
            "type": "object",
            "required": ["code", "status", "status_label", "accredited", "premises", "certificate_number",
                         "valid_until", "public_page"],
            "properties": {
                "code": {"type": "string"},
                "status": _STATUS,
                "status_label": {"type": "string"},
                "accredited": {"type": "boolean"},
                "premises": {"oneOf": [
                    {"type": "null"},
                    {"type": "object", "required": ["id", "name", "outward_postcode"],
                     "properties": {"id": {"type": "string"}, "name": {"type": "string"},
                                    "outward_postcode": {"type": "string"}}},
                ]},
                "certificate_number": {"type": ["string", "null"]},
                "valid_until": _NULLABLE_DATE,
                "public_page": {"type": ["string", "null"], "format": "uri"},
            },
        }},
    },
    "Statistics": {
        "type": "object", "required": [*_ABOUT_REQUIRED, "data"],
        "properties": {**_ABOUT, "data": {
            "type": "object", "required": ["on", "premises_accredited", "premises_by_state", "staff_trained",
                                           "test_visits"],
            "properties": {
                "on": _DATE,
                "premises_by_state": {
                    "type": "array",
                    "description": "Member premises holding a certificate, by the status the public sees "
                                   "(the codes of `status`)",
                    "items": {
                        "type": "object", "required": ["state", "count"],
                        "properties": {"state": {"type": "string", "enum": [s.value for s in PUBLIC_STATES.values()]},
                                       "count": {"type": "integer", "minimum": 0}}}},
                "premises_accredited": {
                    "type": "object", "required": ["total", "by_type", "by_area"],
                    "properties": {
                        "total": {"type": "integer", "minimum": 0},
                        "by_type": {"type": "array", "items": {
                            "type": "object", "required": ["type", "count"],
                            "properties": {"type": {"type": "string", "enum": [t.value for t in PremisesType]},
                                           "count": {"type": "integer", "minimum": 0}}}},
                        "by_area": {"type": "array", "items": {
                            "type": "object", "required": ["area", "count"],
                            "properties": {"area": {"type": "string"}, "count": {"type": "integer", "minimum": 0}}}},
                    },
                },
                "staff_trained": {
                    "type": "object", "required": ["trained", "active", "share"],
                    "description": "Active staff of member premises holding all their required valid training",
                    "properties": {"trained": {"type": "integer", "minimum": 0},
                                   "active": {"type": "integer", "minimum": 0},
                                   "share": {"type": ["number", "null"], "minimum": 0, "maximum": 1}},
                },
                "test_visits": {
                    "type": "object", "required": ["since", "visits", "passed", "pass_rate"],
                    "description": "Covert test visits with an outcome, from `since` to `on`",
                    "properties": {"since": _DATE, "visits": {"type": "integer", "minimum": 0},
                                   "passed": {"type": "integer", "minimum": 0},
                                   "pass_rate": {"type": ["number", "null"], "minimum": 0, "maximum": 1}},
                },
            },
        }},
    },
    "Error": {
        "type": "object", "required": ["error"],
        "properties": {"error": {
            "type": "object", "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string", "enum": ["invalid_parameter", "bad_request", "not_found",
                                                    "method_not_allowed", "rate_limited", "server_error",
                                                    "unavailable", "error"]},
                "message": {"type": "string"},
                "parameter": {"type": "string", "description": "The query parameter at fault"},
            },
        }},
    },
}


def _parameter(name: str, schema: dict, description: str, where: str = "query", required: bool = False) -> dict:
    return {"name": name, "in": where, "required": required, "schema": schema, "description": description}


_AREA = _parameter("area", _TEXT, "Only premises in this area: its name, as in `area` (case, spaces, apostrophes "
                   "and punctuation do not matter). The areas are a list the scheme keeps; an unknown one "
                   "matches nothing")


def document(base_url: str) -> dict:
    not_found = {"404": {"$ref": "#/components/responses/NotFound"}}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Spot It Stop It open register",
            "version": "1.0.0",
            "description": "The premises accredited by the scheme, read-only and public. Version 1 only "
                           "ever gains fields and status values; anything that would break a client "
                           f"comes as /api/v2/, with /api/v1/ kept alongside. Rate limit: {RATE_LIMIT} per client.",
            "license": {"name": LICENCE["name"], "url": LICENCE["url"]},
            "contact": {"name": "The scheme's manager", "url": f"{base_url}/api"},
        },
        "servers": [{"url": base_url}],
        "paths": {
            "/api/v1/premises": {"get": {
                "operationId": "listPremises",
                "summary": "The premises accredited now, in a stable order (name, then id)",
                "parameters": [
                    _parameter("q", _TEXT, "Name, town or postcode (spaces and case ignored)"),
                    _parameter("type", {"type": "string", "enum": [t.value for t in PremisesType]},
                               "Only premises of this type"),
                    _AREA,
                    _parameter("limit", {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 20},
                               "How many premises per page"),
                    _parameter("cursor", {"type": "string"}, "Where to go on from: take it from links.next"),
                ],
                "responses": {"200": _json("PremisesList", "A page of accredited premises"), **_ERRORS},
            }},
            "/api/v1/premises/{id}": {"get": {
                "operationId": "showPremises",
                "summary": "One premises and the state of its current certificate (any state)",
                "parameters": [_parameter("id", {"type": "string", "minLength": 1}, "Its public id", "path", True)],
                "responses": {"200": _json("OnePremises", "The premises"), **_ERRORS, **not_found},
            }},
            "/api/v1/verify/{code}": {"get": {
                "operationId": "verifyCode",
                "summary": "What a sticker's code says now: the same truth as its public page /v/{code}",
                "description": "Typing slips are forgiven as on the public page (case, spaces, O for 0, "
                               "I or L for 1). An unknown code is status `unknown`.",
                "parameters": [_parameter("code", {"type": "string", "minLength": 1}, "The code under the QR",
                                          "path", True)],
                "responses": {"200": _json("Verification", "The code's status"), **_ERRORS, **not_found},
            }},
            "/api/v1/statistics": {"get": {
                "operationId": "showStatistics",
                "summary": "Premises accredited by type and area, staff trained, test-visit pass rate",
                "responses": {"200": _json("Statistics", "The scheme's figures today"), **_ERRORS},
            }},
            "/api/v1/bulk/premises.json": {"get": {
                "operationId": "bulkJson",
                "summary": "The whole register (or one area's) as one JSON file, made again when it changes",
                "parameters": [_AREA],
                "responses": {"200": _json("PremisesList", "Every accredited premises (links.next is null)"),
                              **_ERRORS},
            }},
            "/api/v1/bulk/premises.csv": {"get": {
                "operationId": "bulkCsv",
                "summary": "The whole register (or one area's) as CSV, with the licence and as-at in a "
                           "first comment line",
                "parameters": [_AREA],
                "responses": {"200": {"description": "CSV, the API's fields as columns",
                                      "headers": {"ETag": {"$ref": "#/components/headers/ETag"},
                                                  "Cache-Control": {"$ref": "#/components/headers/CacheControl"}},
                                      "content": {"text/csv": {"schema": {"type": "string"}}}},
                              **_ERRORS},
            }},
        },
        "components": {
            "schemas": SCHEMAS,
            "headers": {
                "ETag": {"schema": {"type": "string"}, "description": "Send it back as If-None-Match"},
                "CacheControl": {"schema": {"type": "string"}},
                "RetryAfter": {"schema": {"type": "string", "pattern": "^[0-9]+$"},
                               "description": "Seconds to wait"},
            },
            "responses": {
                "BadRequest": {"description": "A parameter is unknown, repeated or invalid (named in the error)",
                               "content": {"application/json": {"schema": _ref("Error")}}},
                "NotFound": {"description": "No such premises or path",
                             "content": {"application/json": {"schema": _ref("Error")}}},
                "RateLimited": {"description": "Too many requests from this client",
                                "headers": {"Retry-After": {"$ref": "#/components/headers/RetryAfter"}},
                                "content": {"application/json": {"schema": _ref("Error")}}},
            },
        },
    }
