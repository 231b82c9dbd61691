import time

from flask import Flask, Request, current_app, flash, redirect, request, session, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager, login_user, logout_user

from scheme.domain.accounts import sign_in, users

# A sign-in waiting for its second factor: whose, and since when.
PENDING = "pending_sign_in"
PENDING_SECONDS = 10 * 60
# When the session last saw a request, and whose idle limit applies.
SEEN = "seen"
STAFF = "staff"
_SEEN_RESOLUTION_SECONDS = 30  # writing the cookie on every request is no more exact than this


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie session, never opened on the paths that have no use for one.

    The public page behind every sticker promises to set no cookie; without a session it
    cannot, and it saves the busiest page reading and signing one.
    """

    def __init__(self, sessionless_prefixes: tuple[str, ...]):
        self.sessionless_prefixes = sessionless_prefixes

    def open_session(self, app: Flask, request: Request):
        if request.path.startswith(self.sessionless_prefixes):
            return None  # Flask uses a null session, which refuses to be written to
        return super().open_session(app, request)


def mark_started(cookie_session, user, now: float | None = None) -> None:
    """Stamp a new signed-in session (the sign-in pages, and the tests' signed-in clients)."""
    cookie_session[SEEN] = int(now if now is not None else time.time())
    cookie_session[STAFF] = user.role.is_staff


def start(user) -> None:
    """Sign the user in: every check has passed."""
    session.pop(PENDING, None)
    login_user(user)
    mark_started(session, user)


def wait_for_second_factor(user) -> None:
    session[PENDING] = {"u": user.id, "v": user.session_version, "at": int(time.time())}


def user_waiting_for_second_factor():
    """The user who gave the right password in this browser a moment ago, or None."""
    pending = session.get(PENDING)
    if not isinstance(pending, dict) or not all(isinstance(pending.get(key), int) for key in ("u", "v", "at")) \
            or time.time() - pending["at"] > PENDING_SECONDS:
        session.pop(PENDING, None)
        return None
    return sign_in.pending_user(pending["u"], pending["v"])


def idle_minutes(staff: bool) -> int:
    return current_app.config["STAFF_IDLE_MINUTES" if staff else "BUSINESS_IDLE_MINUTES"]


def _end_idle_session():
    # Runs before every request that carries a signed-in session (before the user is loaded).
    if request.endpoint == "static" or "_user_id" not in session:
        return None
    now = time.time()
    seen = session.get(SEEN)
    minutes = idle_minutes(bool(session.get(STAFF, True)))
    if not isinstance(seen, int) or now - seen > minutes * 60:
        logout_user()
        session.pop(SEEN, None)
        flash(f"You have been signed out because you had not done anything for {minutes} minutes. "
              "Sign in again to carry on.", "info")
        return None  # the page answers as it would to anyone signed out
    if now - seen >= _SEEN_RESOLUTION_SECONDS:
        session[SEEN] = int(now)
    return None


def init_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "account.sign_in"
    login_manager.login_message = "Sign in to see this page"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"
    # Nobody is signed in to be remembered here (a session ends when idle; see start()), so
    # Flask-Login's remember-me cookie never exists, and its hook after every request, the
    # public page's included, has nothing to do.
    app.after_request_funcs[None].remove(login_manager._update_remember_cookie)
    app.before_request(_end_idle_session)

    @login_manager.user_loader
    def load_user(session_id: str):
        # The id carries the user's session version, checked on every request: signing out,
        # changing the password or a two-factor reset ends every other session of the account.
        user_id, _, version = session_id.partition(":")
        if not user_id.isascii() or not user_id.isdigit():
            return None
        user = users.get_user(int(user_id))
        if user is None or str(user.session_version) != version:
            return None
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        return redirect(url_for("account.sign_in", next=request.full_path.rstrip("?")))
