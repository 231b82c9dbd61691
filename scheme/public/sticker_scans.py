"""Scans of a sticker's QR code answered ahead of Flask.

`GET /v/<code>` is nearly all of the service's traffic, and Flask's own work for a request
(its request and response objects, URL matching, the hooks of every extension, werkzeug's
headers) cost more than the page itself. This WSGI layer answers the plain case, a GET of
/v/ and a code with no query string, by calling the very function the Flask view calls
(verify.verification_page) and adding the same headers: the security headers, Cache-Control,
and the same compression as Flask-Compress gives every other page, with its settings.
Anything else (a HEAD, a query string, a path with unusual characters, a report posted, the
first scan each process serves, which renders the layout in a request) goes to Flask, which
answers it as it always would. A test checks that both answer a scan alike.

An error here (the database unreachable, say) is not answered here: the request goes to
Flask, which tries again and answers with its error page. A scan is counted once the
certificate has been read, so a read that failed counted nothing; only a fault in rendering
the page after that (a bug, answered 500 by Flask too) would count it twice.
"""

import re
from contextlib import nullcontext

from flask import Flask, current_app, has_app_context
from flask_compress.flask_compress import _choose_algorithm, _compress_data

from scheme import security
from scheme.public.views import verify

# A code and, after a slash, a printed sticker's serial: what the QR codes hold, and what a
# person types. Anything else is left to Flask's routing.
_PLAIN_SCAN = re.compile(r"/v/([A-Za-z0-9][A-Za-z0-9_-]*(?:/[A-Za-z0-9_-]+)?)")

_HTML = ("Content-Type", "text/html; charset=utf-8")
_STATUS = {200: "200 OK", 404: "404 NOT FOUND"}


class StickerScans:
    """WSGI middleware in front of the Flask app's own wsgi_app."""

    def __init__(self, app: Flask, flask_wsgi_app):
        self.app = app
        self.flask_wsgi_app = flask_wsgi_app
        self._hsts = security.hsts_header(app)
        config = app.config
        self._algorithms = tuple(config["COMPRESS_ALGORITHM"])
        self._smallest_compressed = config["COMPRESS_MIN_SIZE"]
        self._fixed_headers = [("Cache-Control", verify.CACHE_CONTROL), _HTML, *security.FIXED_HEADERS,
                               ("Vary", "Accept-Encoding")]

    def __call__(self, environ: dict, start_response):
        if environ["REQUEST_METHOD"] != "GET" or environ.get("QUERY_STRING"):
            return self.flask_wsgi_app(environ, start_response)
        matched = _PLAIN_SCAN.fullmatch(environ.get("PATH_INFO", ""))
        script_root = environ.get("SCRIPT_NAME", "").rstrip("/")
        if matched is None or not verify.has_lean_frame(self.app.jinja_env, script_root):
            return self.flask_wsgi_app(environ, start_response)
        try:
            with self._app_context():
                page, status = verify.verification_page(matched[1], script_root)
        except Exception:  # noqa: BLE001  Flask answers it, with its error page (see above)
            return self.flask_wsgi_app(environ, start_response)
        body = page.encode()
        headers = list(self._fixed_headers)
        algorithm = _choose_algorithm(self._algorithms, environ.get("HTTP_ACCEPT_ENCODING", ""))
        # Flask-Compress compresses only successful answers, and none too small to be worth it.
        if algorithm is not None and status == 200 and len(body) >= self._smallest_compressed:
            body = _compress_data(self.app, body, algorithm)
            headers.append(("Content-Encoding", algorithm))
        headers.append(("Content-Length", str(len(body))))
        if self._hsts and security.reached_over_https(environ):
            headers.append(self._hsts)
        start_response(_STATUS[status], headers)
        return [body]


    def _app_context(self):
        # As Flask does for a request: the app's context already pushed (as around a test) is
        # used, not a second one.
        if has_app_context() and current_app._get_current_object() is self.app:
            return nullcontext()
        return self.app.app_context()


def init_app(app: Flask) -> None:
    app.wsgi_app = app.extensions["sticker_scans"] = StickerScans(app, app.wsgi_app)
