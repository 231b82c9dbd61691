"""Error pages, in the service's layout, for every status code the app can answer with."""

import sqlite3

import psycopg
import sqlalchemy.exc
from flask import current_app, g, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError, ServiceUnavailable

from scheme.domain.errors import NotAllowed, NotFound

ERROR_PAGES = {
    400: "Sorry, there is a problem with that request",
    403: "You do not have permission to see this page",
    404: "Page not found",
    405: "Sorry, you cannot do that here",
    413: "The file is too large",
    429: "Too many attempts",
    500: "Sorry, there is a problem with the service",
    503: "Sorry, the service is unavailable",
}


# URL prefixes whose errors are answered by another handler (the API's, in JSON), for
# errors that belong to no blueprint: a path that matches no route, a method it does not take.
_answered_elsewhere: dict[str, object] = {}


def answer_under(prefix: str, handler) -> None:
    _answered_elsewhere[prefix] = handler


def render_error(code: int, **context):
    return render_template(f"errors/{code}.html", title=ERROR_PAGES[code], **context), code


def _http_error(error: HTTPException):
    for prefix, handler in _answered_elsewhere.items():
        if request.path.startswith(prefix):
            return handler(error)
    code = error.code if error.code in ERROR_PAGES else 500
    return render_error(code)


def _csrf_error(error: CSRFError):
    # The form timed out or came from elsewhere: send the person back to where they were.
    return render_error(400, csrf=True, return_to=request.path if request.method == "POST" else None)


# What a database that is down, refusing connections, locked past the busy timeout or past a
# statement or lock timeout raises. SQLAlchemy wraps the driver's errors; the public page runs
# plain SQL on the driver's cursor (scheme.domain.certificates.public_page_lookup), so its
# errors arrive as the driver's own classes. A programming error or a broken constraint is not
# among them: that stays a 500.
DATABASE_UNAVAILABLE = (
    sqlalchemy.exc.OperationalError,
    sqlalchemy.exc.InterfaceError,
    sqlalchemy.exc.TimeoutError,  # no pooled connection came free in time
    sqlite3.OperationalError,
    psycopg.OperationalError,
    psycopg.InterfaceError,
)


def _database_unavailable(error: Exception):
    from scheme.extensions import db

    current_app.logger.warning("database unavailable: %s: %s", type(error).__name__, error)
    try:
        db.session.rollback()
    except sqlalchemy.exc.SQLAlchemyError:
        db.session.remove()  # the connection is gone; the next request takes a new one
    # The page must not need the database: the layout shows who is signed in, which would load
    # the user again (and fail again). It is shown as to someone signed out.
    g._login_user = current_app.login_manager.anonymous_user()
    return _http_error(ServiceUnavailable())


def init_app(app) -> None:
    for code in ERROR_PAGES:
        app.register_error_handler(code, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    for error_class in DATABASE_UNAVAILABLE:
        app.register_error_handler(error_class, _database_unavailable)
    app.register_error_handler(NotFound, lambda error: render_error(404))
    app.register_error_handler(NotAllowed, lambda error: render_error(403))
    app.register_error_handler(InternalServerError, _http_error)
    app.register_error_handler(ServiceUnavailable, _http_error)
