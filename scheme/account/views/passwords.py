from flask import flash, redirect, render_template, url_for

from scheme.account.forms.passwords import EmailLinkForm, ResetPasswordForm
from scheme.account.views import bp
from scheme.domain.accounts import registration
from scheme.domain.accounts.tokens import LinkExpired, LinkProblem
from scheme.domain.accounts.users import WeakPassword
from scheme.security import public, rate_limited

# The same words whether or not the address has an account, so the page reveals nothing.
RESET_SENT = "If {email} belongs to an account, we have sent a link to reset the password. It works for 2 hours."


@bp.route("/forgotten-password", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def forgotten_password():
    form = EmailLinkForm()
    if form.validate_on_submit():
        registration.request_password_reset(form.email.data)
        flash(RESET_SENT.format(email=form.email.data), "success")
        return redirect(url_for("account.forgotten_password"))
    return render_template("account/forgotten_password.html", form=form)


def _link_problem(problem: LinkProblem):
    return render_template("account/link_problem.html", expired=isinstance(problem, LinkExpired),
                           what="reset your password", new_link=url_for("account.forgotten_password")), 400


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def reset_password(token: str):
    try:
        user = registration.user_for_reset(token)
    except LinkProblem as problem:
        return _link_problem(problem)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            registration.reset_password(token, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(str(error))
        except LinkProblem as problem:
            return _link_problem(problem)
        else:
            flash("Your password has been changed. Sign in with your new password.", "success")
            return redirect(url_for("account.sign_in"))
    return render_template("account/reset_password.html", form=form, user=user)
