from flask import Flask, redirect, request, url_for
from flask_login import LoginManager

from scheme.domain import accounts


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
        user = accounts.get_user(int(user_id))
        if user is None or str(user.session_version) != version:
            return None
        return user

    @login_manager.unauthorized_handler
    def unauthorized():
        return redirect(url_for("account.sign_in", next=request.full_path.rstrip("?")))
