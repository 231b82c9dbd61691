"""The officer blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("officer", __name__, url_prefix="/officer")

from scheme.officer.views import certificates, home, training_sessions  # noqa: E402,F401  (registers the routes)
