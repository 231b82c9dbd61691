"""Who may see what. Every endpoint declares its access; a test checks that none forgets."""

import functools
import inspect
import secrets

import secure
from flask import abort, request
from flask.globals import request_ctx
from flask_login import current_user, login_required

from scheme.domain import access
from scheme.domain.certificates.stickers import get_sticker
from scheme.domain.training.staff import staff_member_for
from scheme.enums import STAFF_ROLES, Role
from scheme.extensions import csrf, limiter

PUBLIC = "public"


def public(view):
    """Mark a view as open to anyone, signed in or not."""
    view.access = PUBLIC
    return view


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


signed_in = role_required(Role.ADMIN, Role.OFFICER, Role.BUSINESS)  # any signed-in user
staff_only = role_required(*STAFF_ROLES)
admin_only = role_required(Role.ADMIN)
business_only = role_required(Role.BUSINESS)


def loads(argument: str, load, name: str | None = None):
    """Give the view the thing its URL names in place of its id (`premises_id` becomes
    `premises`), loaded by `load(user, id)` for the signed-in user: the domain raises NotFound
    or NotAllowed (404, 403) when it does not exist or is not theirs. A view of some other
    thing that also takes `premises` is given that thing's premises, checked the same way.
    Goes below the role check, so the role is answered before anything is loaded."""
    name = name or argument.removesuffix("_id")

    def decorator(view):
        if hasattr(view, "access"):
            raise TypeError(f"{view.__name__}: put the role check above the decorator that loads {name}")
        with_premises = name != "premises" and "premises" in inspect.signature(view).parameters

        @functools.wraps(view)
        def wrapped(**kwargs):
            thing = load(current_user, kwargs.pop(argument))
            kwargs[name] = thing
            if with_premises:
                kwargs["premises"] = access.premises_for(current_user, thing.premises_id)
            return view(**kwargs)

        wrapped.loads = argument  # the role check copies it, so tests can find these routes
        return wrapped

    return decorator


premises_route = loads("premises_id", access.premises_for)
certificate_route = loads("certificate_id", access.certificate_for)
action_route = loads("action_id", access.action_for)
visit_route = loads("visit_id", access.audit_visit_for)
test_visit_route = loads("visit_id", access.test_visit_for)
staff_member_route = loads("staff_id", staff_member_for, name="person")
sticker_route = loads("sticker_id", get_sticker)


def rate_limited(limits: str, per=None):
    """Limit how often a form may be posted (per client address, or per what `per()` returns
    for the request); GETs are not counted."""
    if per is None:
        return limiter.limit(limits, methods=["POST"])
    return limiter.limit(limits, methods=["POST"], key_func=per)


def without_session(view):
    """A form for anyone, posted from a page that opens no session and so sets no cookie: it
    can carry no CSRF token. It must change nothing that belongs to anyone (it only counts)."""
    view.no_csrf_token = True
    return csrf.exempt(view)


# Each uploaded image is decoded to check and clean it, at up to ~100 MB of memory: one
# signed-in user may not keep a worker doing that.
UPLOAD_LIMITS = "10 per minute; 100 per day"


def _uploader() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else f"address:{request.remote_addr}"


def _no_file_uploaded() -> bool:
    return not any(upload.filename for upload in request.files.values())


def upload_rate_limited(view):
    """Limit how many files each user may upload (posts without a file are not counted)."""
    return limiter.limit(UPLOAD_LIMITS, key_func=_uploader, methods=["POST"], exempt_when=_no_file_uploaded)(view)


def home_endpoint_for(role: Role) -> str:
    return "officer.home" if role.is_staff else "business.home"


# Security headers, the same on every page (built by the secure library). Everything is
# served from our own origin; the GOV.UK template's one inline script carries a nonce made for
# the page that renders it.
def _content_security_policy(nonce: str | None = None) -> secure.ContentSecurityPolicy:
    script_src = ["'self'"] + ([f"'nonce-{nonce}'"] if nonce else [])
    return (secure.ContentSecurityPolicy().default_src("'self'").script_src(*script_src)
            .img_src("'self'", "data:").object_src("'none'").base_uri("'self'").form_action("'self'")
            .frame_ancestors("'none'"))


_SECURE_HEADERS = secure.Secure(
    csp=_content_security_policy(),
    permissions=secure.PermissionsPolicy().add_directive("browsing-topics", ""),
    xfo=secure.XFrameOptions().deny(),
    xcto=secure.XContentTypeOptions(),
    referrer=secure.ReferrerPolicy().same_origin(),
)
_HSTS = secure.StrictTransportSecurity().max_age(31_536_000).include_subdomains()
_NONCE = "scheme.csp_nonce"  # where a request keeps the nonce its page asked for


def csp_nonce() -> str:
    """The nonce of this page's inline script, made the first time the page asks for it. Kept
    on the request itself, never on `g`, which can outlive one request (an app context pushed
    around several, as in tests) and would then give two pages the same nonce."""
    nonce = request.environ.get(_NONCE)
    if nonce is None:
        nonce = request.environ.setdefault(_NONCE, secrets.token_urlsafe(24))
    return nonce


# Worked out once, not per request: setting them costs every page, the busiest included, as
# much as a small page's rendering. A page without an inline script (the public page behind a
# sticker, redirects, the API) gets the policy with no nonce at all.
FIXED_HEADERS = tuple(_SECURE_HEADERS.headers.items())


def hsts_header(app) -> tuple[str, str] | None:
    """Strict-Transport-Security, in production. TLS ends at the load balancer: the header
    goes on what reached it over https (reached_over_https)."""
    return (_HSTS.header_name, _HSTS.header_value) if app.config["SCHEME_ENV"] == "production" else None


def reached_over_https(environ: dict) -> bool:
    return environ.get("wsgi.url_scheme") == "https" or environ.get("HTTP_X_FORWARDED_PROTO") == "https"


def init_app(app) -> None:
    hsts = hsts_header(app)

    @app.after_request
    def _security_headers(response):
        headers = response.headers
        headers.extend(FIXED_HEADERS)
        nonce = request.environ.get(_NONCE)
        if nonce is not None:
            policy = _content_security_policy(nonce)
            headers[policy.header_name] = policy.header_value
        if hsts and reached_over_https(request.environ):
            headers[hsts[0]] = hsts[1]
        return response

    app.jinja_env.globals["csp_nonce"] = csp_nonce
    _check_rate_limits_only_where_set(app)


def _check_rate_limits_only_where_set(app) -> None:
    # Forms' limits are checked by their own decorators (rate_limited); the limiter's check
    # before every request only ever finds the API's (limit_every_request). Run it for the
    # API alone, so that every other page, the busiest included, does not pay for it.
    check = limiter._check_request_limit
    if check not in app.before_request_funcs.get(None, []):  # limits turned off (RATELIMIT_ENABLED)
        return
    app.before_request_funcs[None].remove(check)
    app.before_request_funcs.setdefault(LIMITED_BLUEPRINT, []).insert(0, check)
    # Its headers after the request, and its bookkeeping at the end, only after a request it
    # looked at (it keeps what it saw on the request's context).
    after = app.after_request_funcs[None]
    for n, hook in enumerate(after):
        if isinstance(hook, functools.partial) and hook.args == (limiter,):
            after[n] = _after_a_limited_request(hook)
    teardown = app.teardown_request_funcs[None]
    for n, hook in enumerate(teardown):
        if getattr(hook, "__self__", None) is limiter:
            teardown[n] = _after_a_limited_request(hook)


def _after_a_limited_request(hook):
    @functools.wraps(hook)
    def wrapped(response_or_error):
        if hasattr(request_ctx, LIMITER_CONTEXT):
            return hook(response_or_error)
        return response_or_error

    return wrapped


LIMITER_CONTEXT = "_limiter_request_context"  # what flask-limiter keeps on a request it looked at


LIMITED_BLUEPRINT = "api"  # the one blueprint limit_every_request is given


def limit_every_request(blueprint, limits: str, *, under: str) -> None:
    """Limit how often each client (by address) may call any of the blueprint's URLs under
    this prefix, whatever the method: the open-data API. Call once per blueprint."""
    if blueprint.name != LIMITED_BLUEPRINT:
        raise ValueError(f"limits are checked before each request of {LIMITED_BLUEPRINT!r} only")
    limiter.limit(limits, exempt_when=lambda: not request.path.startswith(under))(blueprint)


def seconds_until_limit_resets() -> int:
    """For Retry-After on a 429: when the limit just hit lets this client in again."""
    import math
    import time

    limit = limiter.current_limit
    if limit is None:
        return 60
    return max(1, math.ceil(limit.reset_at - time.time()))
