"""The officer blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("officer", __name__, url_prefix="/officer")

from scheme.officer.views import (  # noqa: E402,F401  (registers the routes)
    actions,
    audit_log,
    certificates,
    covert_visits,
    figures,
    home,
    messages,
    premises,
    readiness,
    review,
    stickers,
    training_sessions,
    visits,
)
