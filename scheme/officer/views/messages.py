from flask import render_template

from scheme.domain import mail
from scheme.officer.views import bp
from scheme.security import premises_route, staff_only


@bp.route("/premises/<int:premises_id>/messages")
@staff_only
@premises_route
def premises_messages(premises):
    return render_template("officer/premises_messages.html", premises=premises,
                           messages=mail.messages_about(premises.id), status_of=mail.delivery_status)
