"""The public blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("public", __name__)

from scheme.public.views import directory, pages, verify  # noqa: E402,F401  (registers the routes)
