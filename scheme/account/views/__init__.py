"""The account blueprint. Each module in this package holds the views for one topic."""

from flask import Blueprint

bp = Blueprint("account", __name__)

from scheme.account.views import invitation, passwords, register, reminders, sign_in  # noqa: F401  (registers the routes)
