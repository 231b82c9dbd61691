"""The business blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("business", __name__, url_prefix="/business")

from scheme.business.views import (  # noqa: E402,F401  (registers the routes)
    actions,
    certificates,
    colleagues,
    home,
    premises,
    submit,
    training,
)
