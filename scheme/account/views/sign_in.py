from datetime import datetime, timezone
from urllib.parse import urlsplit

from flask import current_app, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_user, logout_user

from scheme.account import session as account_session
from scheme.account.forms.sign_in import ChangePasswordForm, SignInForm, TwoFactorCodeForm
from scheme.account.views import bp
from scheme.domain.accounts import sign_in as sign_in_rules
from scheme.domain.accounts import two_factor, users
from scheme.domain.errors import DomainError
from scheme.security import home_endpoint_for, public, rate_limited, signed_in, staff_only

SIGN_IN_FAILED = "Enter a correct email address and password"
CODE_FAILED = "Enter the 6-digit code from your authenticator app, or one of your recovery codes"
SET_UP_CODE_FAILED = "Enter the 6-digit code your authenticator app shows now"


def _safe_next(target: str | None) -> str | None:
    # Only redirect to a path on this site, never to another host.
    if not target:
        return None
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//"):
        return None
    return target


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


def _lock_rule():
    return sign_in_rules.LockRule.from_config(current_app.config)


def _next_arguments() -> dict:
    target = _safe_next(request.args.get("next"))
    return {"next": target} if target else {}


def _go_home(user):
    return redirect(_safe_next(request.args.get("next")) or url_for(home_endpoint_for(user.role)))


@bp.route("/sign-in", methods=["GET", "POST"])
@rate_limited("10 per minute; 50 per hour")
@public
def sign_in():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint_for(current_user.role)))
    form = SignInForm()
    if form.validate_on_submit():
        user = sign_in_rules.check_password(form.email.data, form.password.data, now=utcnow(), rule=_lock_rule())
        if user is not None and sign_in_rules.needs_second_factor(user):
            account_session.wait_for_second_factor(user)
            step = "account.enter_two_factor_code" if two_factor.is_set_up(user) else "account.set_up_two_factor"
            return redirect(url_for(step, **_next_arguments()))
        if user is not None:
            account_session.start(user)
            return _go_home(user)
        form.email.errors.append(SIGN_IN_FAILED)
    return render_template("account/sign_in.html", form=form)


@bp.route("/sign-in/two-factor", methods=["GET", "POST"])
@rate_limited("10 per minute; 50 per hour")
@public
def enter_two_factor_code():
    user = account_session.user_waiting_for_second_factor()
    if user is None:
        return redirect(url_for("account.sign_in", **_next_arguments()))
    if not two_factor.is_set_up(user):
        return redirect(url_for("account.set_up_two_factor", **_next_arguments()))
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        if two_factor.check_code(user, form.code.data, now=utcnow(), rule=_lock_rule()):
            account_session.start(user)
            left = two_factor.recovery_codes_left(user)
            if left <= 3:
                flash(f"You have {left} recovery code{'s' if left != 1 else ''} left. "
                      "Make new ones from Your account.", "info")
            return _go_home(user)
        form.code.errors.append(CODE_FAILED)
    return render_template("account/enter_two_factor_code.html", form=form)


@bp.route("/sign-in/set-up-two-factor", methods=["GET", "POST"])
@rate_limited("10 per minute; 50 per hour")
@public
def set_up_two_factor():
    user = account_session.user_waiting_for_second_factor()
    if user is None:
        return redirect(url_for("account.sign_in", **_next_arguments()))
    if two_factor.is_set_up(user):
        return redirect(url_for("account.enter_two_factor_code", **_next_arguments()))
    secret = two_factor.secret_for_set_up(user)
    form = TwoFactorCodeForm()
    if form.validate_on_submit():
        codes = two_factor.finish_set_up(user, form.code.data, now=utcnow(), rule=_lock_rule())
        if codes is not None:
            account_session.start(user)
            # Shown on this one page and never again (only their hashes are kept).
            return render_template("account/recovery_codes.html", codes=codes, first_time=True,
                                   continue_to=_safe_next(request.args.get("next"))
                                   or url_for(home_endpoint_for(user.role)))
        form.code.errors.append(SET_UP_CODE_FAILED)
    return render_template("account/set_up_two_factor.html", form=form, secret=two_factor.secret_in_groups(secret),
                           qr_code=two_factor.qr_code_svg(user, secret))


@bp.route("/account/recovery-codes", methods=["POST"])
@rate_limited("5 per minute")
@staff_only
def replace_recovery_codes():
    codes = two_factor.replace_recovery_codes(current_user)
    return render_template("account/recovery_codes.html", codes=codes, first_time=False,
                           continue_to=url_for(home_endpoint_for(current_user.role)))


@bp.route("/sign-out", methods=["POST"])
@public
def sign_out():
    if current_user.is_authenticated:
        sign_in_rules.sign_out(current_user)
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
    return render_template("account/change_password.html", form=form, recovery_codes_left=(
        two_factor.recovery_codes_left(current_user) if two_factor.is_set_up(current_user) else None))
