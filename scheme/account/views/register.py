from flask import flash, redirect, render_template, request, url_for
from flask_login import current_user

from scheme.account import session as account_session

from scheme.account.forms.passwords import EmailLinkForm
from scheme.account.forms.register import RegisterForm
from scheme.account.views import bp
from scheme.account.views.sign_in import _safe_next
from scheme.domain.accounts import registration
from scheme.domain.accounts.tokens import LinkExpired, LinkProblem
from scheme.domain.accounts.users import WeakPassword
from scheme.security import home_endpoint_for, public, rate_limited

CONFIRMATION_SENT = "If {email} belongs to an account that still needs confirming, we have sent a new link to it."


@bp.route("/register", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def register():
    if current_user.is_authenticated:
        return redirect(url_for(home_endpoint_for(current_user.role)))
    form = RegisterForm()
    if form.validate_on_submit():
        try:
            # The same page follows whether or not the address already has an account: the
            # email that goes to it says which.
            registration.register(name=form.name.data, email=form.email.data, password=form.password.data,
                                  next_path=_safe_next(request.args.get("next")))
        except WeakPassword as error:
            form.password.errors.append(str(error))
        else:
            return render_template("account/check_your_email.html", email=form.email.data.strip().lower())
    return render_template("account/register.html", form=form)


@bp.route("/confirm-email/<token>")
@public
def confirm_email(token: str):
    try:
        confirmation = registration.confirm_email(token)
    except LinkProblem as problem:
        return render_template("account/link_problem.html", expired=isinstance(problem, LinkExpired),
                               what="confirm your email address", new_link=url_for("account.resend_confirmation")), 400
    flash("Your email address is confirmed", "success")
    user = confirmation.user
    # A new business account is signed in by the link's first use, in place of the sign-in
    # registering used to give (which told anyone whether an address had an account). Staff
    # always sign in with their second factor.
    if not current_user.is_authenticated and confirmation.first_time and not user.role.is_staff:
        account_session.start(user)
    if current_user.is_authenticated:
        return redirect(_safe_next(request.args.get("next")) or url_for(home_endpoint_for(current_user.role)))
    return redirect(url_for("account.sign_in"))


@bp.route("/confirm-email", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def resend_confirmation():
    form = EmailLinkForm()
    if not form.is_submitted() and current_user.is_authenticated:
        form.email.data = current_user.email
    if form.validate_on_submit():
        registration.send_confirmation(form.email.data)
        flash(CONFIRMATION_SENT.format(email=form.email.data), "success")
        return redirect(url_for("account.resend_confirmation"))
    return render_template("account/resend_confirmation.html", form=form)
