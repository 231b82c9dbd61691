"""One filter in front of every form and query string: control characters are refused.

No one types a NUL byte or a backspace into a form; PostgreSQL cannot store a NUL at all (it
would be a server error), and the rest only hide text from whoever reads it later. A request
carrying any, in its path, its query string, a form field or an uploaded file's name, is
answered 400 before a view sees it. Tabs and line breaks are text.
"""

import re

from flask import Flask, abort, request

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def has_control_characters(text: str) -> bool:
    return _CONTROL.search(text) is not None


def _refuse_control_characters():
    if has_control_characters(request.path):
        abort(400)
    # The API reads its query strings itself and answers a JSON 400 naming the parameter
    # (scheme/api/params.py), which tells a re-user more than this page would.
    if request.query_string and request.blueprint != "api" and any(
            has_control_characters(key) or has_control_characters(value)
            for key, value in request.args.items(multi=True)):
        abort(400)
    if request.method == "POST":
        if any(has_control_characters(key) or has_control_characters(value)
               for key, value in request.form.items(multi=True)):
            abort(400)
        if any(has_control_characters(key) or has_control_characters(upload.filename or "")
               for key, upload in request.files.items(multi=True)):
            abort(400)


def init_app(app: Flask) -> None:
    app.before_request(_refuse_control_characters)
