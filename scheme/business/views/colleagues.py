from flask import flash, redirect, render_template, url_for
from flask_login import current_user

from scheme.business.forms.colleagues import AcceptInvitationForm, InviteColleagueForm
from scheme.business.views import bp
from scheme.domain.accounts import colleagues
from scheme.domain.accounts.tokens import LinkExpired, LinkProblem
from scheme.domain.errors import NotAllowed
from scheme.security import business_only, premises_route, public


@bp.route("/premises/<int:premises_id>/invite", methods=["GET", "POST"])
@business_only
@premises_route
def invite_colleague(premises):
    form = InviteColleagueForm()
    if form.validate_on_submit():
        colleagues.invite_colleague(current_user, premises.id, form.email.data)
        flash(f"We have sent an invitation to {form.email.data}. It works for 14 days.", "success")
        return redirect(url_for("business.task_list", premises_id=premises.id))
    return render_template("business/invite_colleague.html", form=form, premises=premises)


def _invitation_problem(problem: LinkProblem):
    return render_template("business/invitation_problem.html", expired=isinstance(problem, LinkExpired)), 400


@bp.route("/invitations/<token>")
@public
def view_invitation(token: str):
    try:
        invitation = colleagues.read_invitation(token)
    except LinkProblem as problem:
        return _invitation_problem(problem)
    return render_template("business/view_invitation.html", invitation=invitation, token=token,
                           form=AcceptInvitationForm())


@bp.route("/invitations/<token>/accept", methods=["POST"])
@business_only
def accept_invitation(token: str):
    form = AcceptInvitationForm()
    if not form.validate_on_submit():
        return redirect(url_for("business.view_invitation", token=token))
    try:
        premises = colleagues.accept_invitation(current_user, token)
    except LinkProblem as problem:
        return _invitation_problem(problem)
    except NotAllowed as error:
        flash(str(error), "info")
        return redirect(url_for("business.view_invitation", token=token))
    flash(f"You now manage {premises.display_name}", "success")
    return redirect(url_for("business.task_list", premises_id=premises.id))
