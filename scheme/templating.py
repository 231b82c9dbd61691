"""Template globals and filters shared by every page."""

from datetime import date

from flask import Flask

from scheme.domain import dates


def _action_overdue(action, today: date) -> bool:
    from scheme.domain.visits.actions import is_overdue

    return is_overdue(action.status, action.due_on, today)


def _visit_overdue(next_visit_due_on: date | None, today: date) -> bool:
    from scheme.domain.visits.schedule import visit_overdue

    return visit_overdue(next_visit_due_on, today)


def init_app(app: Flask) -> None:
    # Templates ask the domain's rules ("{% if action is overdue_on(today) %}"), never compare dates.
    app.jinja_env.tests["overdue_on"] = _action_overdue
    app.jinja_env.tests["visit_overdue_on"] = _visit_overdue
    app.jinja_env.filters["date"] = dates.in_words
    app.jinja_env.filters["datetime"] = dates.time_and_date_in_words
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True
    app.jinja_env.globals["service_name"] = "Spot It Stop It"
