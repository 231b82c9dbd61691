from flask import Flask, Request, redirect, request, url_for
from flask.sessions import SecureCookieSessionInterface
from flask_login import LoginManager

from scheme.domain.accounts import users


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


def init_login(app: Flask, login_manager: LoginManager) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "account.sign_in"
    login_manager.login_message = "Sign in to see this page"
    login_manager.login_message_category = "info"
    login_manager.session_protection = "basic"

    @login_manager.user_loader
    def load_user(session_id: str):
        # The id carries the user's session version: changing the password signs out
        # every other session.
        user_id, _, version = session_id.partition(":")
        if not user_id.isdigit():
            return None
        user = users.get_user(int(user_id))
        if user is None or str(user.session_version) != version:
            return None
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        return redirect(url_for("account.sign_in", next=request.full_path.rstrip("?")))
