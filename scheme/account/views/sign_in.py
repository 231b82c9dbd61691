from urllib.parse import urlsplit

from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from scheme.account.forms.sign_in import ChangePasswordForm, SignInForm
from scheme.account.views import bp
from scheme.domain.accounts import users
from scheme.domain.errors import DomainError
from scheme.security import home_endpoint_for, public, rate_limited, signed_in

SIGN_IN_FAILED = "Enter a correct email address and password"


def _safe_next(target: str | None) -> str | None:
    # Only redirect to a path on this site, never to another host.
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


@bp.route("/sign-in", methods=["GET", "POST"])
@rate_limited("10 per minute; 50 per hour")
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint_for(current_user.role)))
    form = SignInForm()
    if form.validate_on_submit():
        user = users.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")) or url_for(home_endpoint_for(user.role)))
        form.email.errors.append(SIGN_IN_FAILED)
    return render_template("account/sign_in.html", form=form)


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    logout_user()
    flash("You have signed out", "success")
    return redirect(url_for("public.index"))


@bp.route("/account/password", methods=["GET", "POST"])
@signed_in
def change_password():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        try:
            users.change_password(current_user, form.current_password.data, form.new_password.data)
        except users.WeakPassword as error:
            form.new_password.errors.append(str(error))
        except DomainError as error:
            form.current_password.errors.append(str(error))
        else:
            login_user(current_user._get_current_object())  # the session version changed; keep this session
            flash("Your password has been changed", "success")
            return redirect(url_for(home_endpoint_for(current_user.role)))
    return render_template("account/change_password.html", form=form)
