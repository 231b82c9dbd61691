"""The account blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from scheme.account.views import invitation, passwords, register, sign_in  # noqa: E402,F401  (registers the routes)
