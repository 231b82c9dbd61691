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


def _link_problem(problem: LinkProblem, what: str):
    return render_template("account/link_problem.html", expired=isinstance(problem, LinkExpired),
                           what=what, new_link=url_for("account.forgotten_password")), 400


def choose_password_page(token: str, *, read_link, set_password, template: str, what: str, done: str):
    """The page a once-only link opens to choose a password: a reset link or a staff invitation."""
    try:
        user = read_link(token)
    except LinkProblem as problem:
        return _link_problem(problem, what)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            set_password(token, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(str(error))
        except LinkProblem as problem:
            return _link_problem(problem, what)
        else:
            flash(done, "success")
            return redirect(url_for("account.sign_in"))
    return render_template(template, form=form, user=user)


@bp.route("/reset-password/<token>", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def reset_password(token: str):
    return choose_password_page(
        token, read_link=registration.user_for_reset, set_password=registration.reset_password,
        template="account/reset_password.html", what="reset your password",
        done="Your password has been changed. Sign in with your new password.")
