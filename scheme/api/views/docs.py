"""The API's own description: OpenAPI for machines, /api for people."""

from flask import jsonify, render_template, request

from scheme.api import bodies, openapi, params
from scheme.api.views import LICENCE, RATE_LIMIT, bp
from scheme.domain import settings
from scheme.security import public


@bp.route("/api/v1/openapi.json")
@public
def openapi_document():
    params.parse(request.query_string, ())
    response = jsonify(openapi.document(bodies.base_url()))
    response.headers["Cache-Control"] = "public, max-age=3600"
    return response


@bp.route("/api")
@public
def about_api():
    return render_template("api/about_api.html", base_url=bodies.base_url(), licence=LICENCE,
                           rate_limit=RATE_LIMIT, contact=settings.contact())
