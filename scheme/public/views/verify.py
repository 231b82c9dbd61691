from datetime import datetime
from zoneinfo import ZoneInfo

from flask import render_template

from scheme.domain import verification
from scheme.public.views import bp
from scheme.security import public

UK = ZoneInfo("Europe/London")
# Long enough to spare a busy page, short enough that a suspension reaches a re-scan soon.
CACHE_CONTROL = "public, max-age=60"


@bp.route("/v/<path:code>")
@public
def verify_certificate(code: str):
    now = datetime.now(UK)
    result, routes = verification.verify(code, today=now.date())
    checked_at = f"at {now:%H:%M} on {now.day} {now:%B %Y}"
    if result is None:
        body, status = render_template("public/verify_not_found.html", routes=routes, checked_at=checked_at), 404
    else:
        body, status = render_template("public/verify_certificate.html", result=result, routes=routes,
                                       checked_at=checked_at), 200
    return body, status, {"Cache-Control": CACHE_CONTROL}
