from flask import flash, redirect, render_template, url_for

from scheme.account.forms.passwords import ResetPasswordForm
from scheme.account.views import bp
from scheme.domain.accounts import staff_users
from scheme.domain.accounts.tokens import LinkExpired, LinkProblem
from scheme.domain.accounts.users import WeakPassword
from scheme.security import public, rate_limited


def _link_problem(problem: LinkProblem):
    return render_template("account/link_problem.html", expired=isinstance(problem, LinkExpired),
                           what="set your password", new_link=url_for("account.forgotten_password")), 400


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@rate_limited("5 per minute; 20 per hour")
@public
def accept_invitation(token: str):
    try:
        user = staff_users.user_for_invitation(token)
    except LinkProblem as problem:
        return _link_problem(problem)
    form = ResetPasswordForm()
    if form.validate_on_submit():
        try:
            staff_users.accept_invitation(token, form.password.data)
        except WeakPassword as error:
            form.password.errors.append(str(error))
        except LinkProblem as problem:
            return _link_problem(problem)
        else:
            flash("Your password is set. Sign in to start.", "success")
            return redirect(url_for("account.sign_in"))
    return render_template("account/accept_invitation.html", form=form, user=user)
