"""Error pages, in the service's layout, for every status code the app can answer with."""

from flask import render_template, request
from flask_wtf.csrf import CSRFError
from sqlalchemy.exc import OperationalError
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


def render_error(code: int, **context):
    return render_template(f"errors/{code}.html", title=ERROR_PAGES[code], **context), code


def _http_error(error: HTTPException):
    code = error.code if error.code in ERROR_PAGES else 500
    return render_error(code)


def _csrf_error(error: CSRFError):
    # The form timed out or came from elsewhere: send the person back to where they were.
    return render_error(400, csrf=True, return_to=request.path if request.method == "POST" else None)


def _database_unavailable(error: OperationalError):
    from scheme.extensions import db

    db.session.rollback()
    return render_error(503)


def init_app(app) -> None:
    for code in ERROR_PAGES:
        app.register_error_handler(code, _http_error)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(OperationalError, _database_unavailable)
    app.register_error_handler(NotFound, lambda error: render_error(404))
    app.register_error_handler(NotAllowed, lambda error: render_error(403))
    app.register_error_handler(InternalServerError, lambda error: render_error(500))
    app.register_error_handler(ServiceUnavailable, lambda error: render_error(503))
