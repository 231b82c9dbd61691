from flask import render_template
from flask_login import current_user

from scheme.business.views import bp
from scheme.domain.premises import premises_for
from scheme.models import Role
from scheme.security import role_required


@bp.route("/premises/<int:premises_id>/training")
@role_required(Role.BUSINESS, Role.OFFICER, Role.ADMIN)
def premises_training(premises_id: int):
    premises = premises_for(current_user, premises_id)
    return render_template("business/premises_training.html", premises=premises)
