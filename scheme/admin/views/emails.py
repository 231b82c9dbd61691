from flask import render_template

from scheme.admin.views import bp
from scheme.domain import mail
from scheme.security import admin_only


@bp.route("/failed-emails")
@admin_only
def failed_emails():
    return render_template("admin/failed_emails.html", messages=mail.failed_deliveries(),
                           status_of=mail.delivery_status)
