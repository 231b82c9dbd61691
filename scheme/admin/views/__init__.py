"""The admin blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")

from scheme.admin.views import (  # noqa: E402,F401  (registers the routes)
    areas,
    business_data,
    emails,
    home,
    reporting_routes,
    standards,
    training_modules,
    users,
)
