from datetime import date

from flask import render_template, request

from scheme.domain import audit_log
from scheme.domain.accounts import staff_users
from scheme.ids import coerce_id
from scheme.officer.views import bp
from scheme.security import staff_only


def _date_arg(name: str) -> date | None:
    try:
        return date.fromisoformat(request.args.get(name, ""))
    except ValueError:
        return None


@bp.route("/audit-log")
@staff_only
def audit_log_entries():
    filters = audit_log.LogFilters(
        premises_id=request.args.get("premises", type=coerce_id), user_id=request.args.get("user", type=coerce_id),
        action=request.args.get("action", ""), date_from=_date_arg("from"), date_to=_date_arg("to"),
    )
    page = max(request.args.get("page", 1, type=coerce_id), 1)
    found = audit_log.entries(filters, page)
    return render_template("officer/audit_log_entries.html", filters=filters, entries=found[:audit_log.PAGE_SIZE],
                           has_next=len(found) > audit_log.PAGE_SIZE, page=page, actions=audit_log.action_names(),
                           users=staff_users.staff_users(), last_check=audit_log.latest_check())
