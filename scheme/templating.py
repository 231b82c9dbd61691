"""Template globals and filters shared by every page."""

import json
from datetime import date
from pathlib import Path

from flask import Flask, current_app, request, url_for
from flask_login import current_user

from scheme.domain import dates, history_words
from scheme.domain.accounts import users
from scheme.domain.premises.public_address import public_address_of


def _action_overdue(action, today: date) -> bool:
    from scheme.domain.visits.actions import is_overdue

    return is_overdue(action.status, action.due_on, today)


def _visit_overdue(next_visit_due_on: date | None, today: date) -> bool:
    from scheme.domain.visits.schedule import visit_overdue

    return visit_overdue(next_visit_due_on, today)


def _signed_in_user() -> dict:
    # Every page's layout reads the signed-in user; after a refused change it must be loaded
    # again, and here (before the page renders) rather than by the template.
    users.loaded(current_user._get_current_object())
    return {}


# The assets every page's frame names. The front-end build (npm run build) copies each under
# a name holding a hash of its content and lists them in manifest.json, so that a browser may
# keep each for a year without asking again (scheme/__init__.py serves them so).
FINGERPRINTED = {
    "app_css": "app.css",
    "public_css": "public.css",
    "frontend_js": "govuk-frontend.min.js",
    "init_js": "init.js",
    "favicon_svg": "images/favicon.svg",
    "favicon_ico": "images/favicon.ico",
}
MANIFEST = "manifest.json"


def fingerprinted_names(static_folder: str) -> dict[str, str]:
    """Each asset's name under its fingerprint, as the build wrote them; none when not built."""
    try:
        return json.loads((Path(static_folder) / MANIFEST).read_text())
    except FileNotFoundError:  # the front end is built by npm: served as it is, if at all
        return {}


def _layout_urls():
    built: dict[str, dict[str, str]] = {}

    def layout_urls() -> dict[str, str]:
        # The links in every page's frame (home, footer, assets) do not change while the app
        # runs: built once per script root, not on every page, where building them would be a
        # third of the public page's rendering.
        urls = built.get(request.script_root)
        if urls is None:
            names = fingerprinted_names(current_app.static_folder)
            urls = built[request.script_root] = {
                "assets": url_for("static", filename="").rstrip("/"),
                **{key: url_for("static", filename=names.get(filename, filename))
                   for key, filename in FINGERPRINTED.items()},
                "home": url_for("public.index"),
                "accessibility": url_for("public.accessibility"),
                "privacy": url_for("public.privacy"),
                "cookies": url_for("public.cookies"),
            }
        return urls

    return layout_urls


def init_app(app: Flask) -> None:
    app.context_processor(_signed_in_user)
    # Templates ask the domain's rules ("{% if action is overdue_on(today) %}"), never compare dates.
    app.jinja_env.tests["overdue_on"] = _action_overdue
    app.jinja_env.tests["visit_overdue_on"] = _visit_overdue
    app.jinja_env.filters["date"] = dates.in_words
    app.jinja_env.filters["datetime"] = dates.time_and_date_in_words
    # Histories show what happened in words, never the log's codes ("visit.answer_saved").
    app.jinja_env.filters["action_in_words"] = history_words.action_in_words
    app.jinja_env.filters["details_in_words"] = history_words.details_in_words
    # Every public surface (sticker, certificate, directory) prints premises | public_address.
    app.jinja_env.filters["public_address"] = public_address_of
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["service_name"] = "Spot It Stop It"
    app.jinja_env.globals["layout_urls"] = _layout_urls()
