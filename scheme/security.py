"""Who may see what. Every endpoint declares its access; a test checks that none forgets."""

import functools

from flask import abort, current_app, request
from flask_login import current_user, login_required

from scheme.enums import STAFF_ROLES, Role
from scheme.extensions import limiter

PUBLIC = "public"


def public(view):
    """Mark a view as open to anyone, signed in or not."""
    view.access = PUBLIC
    return view


def not_rate_limited(view):
    """Keep a page that takes no input out of the rate limiter entirely, so it does not pay
    for the limiter's per-request bookkeeping (the public verification page is the busiest)."""
    view.rate_limit_exempt = True
    return view


@limiter.request_filter
def _view_not_rate_limited() -> bool:
    view = current_app.view_functions.get(request.endpoint or "")
    return getattr(view, "rate_limit_exempt", False)


def role_required(*roles: Role):
    """Allow only signed-in users with one of these roles; others get 403."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        protected = login_required(wrapped)
        protected.access = tuple(roles)
        return protected

    return decorator


signed_in = role_required(Role.ADMIN, Role.OFFICER, Role.BUSINESS)
staff_only = role_required(*STAFF_ROLES)
admin_only = role_required(Role.ADMIN)
business_only = role_required(Role.BUSINESS)


def rate_limited(limits: str):
    """Limit how often a form may be posted (per client address); GETs are not counted."""
    return limiter.limit(limits, methods=["POST"])


def home_endpoint_for(role: Role) -> str:
    return "officer.home" if role.is_staff else "business.home"


def init_app(app) -> None:
    from flask_talisman import Talisman

    # Security headers. Everything is served from our own origin; the GOV.UK template's one
    # inline script carries a per-request nonce.
    Talisman(
        app,
        force_https=False,  # TLS ends at the load balancer
        strict_transport_security=app.config["SCHEME_ENV"] == "production",
        session_cookie_secure=app.config["SESSION_COOKIE_SECURE"],
        content_security_policy={
            "default-src": "'self'",
            "script-src": "'self'",
            "img-src": "'self' data:",
            "object-src": "'none'",
            "base-uri": "'self'",
            "form-action": "'self'",
            "frame-ancestors": "'none'",
        },
        content_security_policy_nonce_in=["script-src"],
        referrer_policy="same-origin",
        frame_options="DENY",
    )
