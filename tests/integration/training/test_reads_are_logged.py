"""Looking at personal data leaves a trace too: who opened whose staff list or export."""

import pytest

from scheme.extensions import db
from scheme.models import AuditLogEntry


def _reads(action: str) -> list[AuditLogEntry]:
    return list(db.session.scalars(db.select(AuditLogEntry).where(AuditLogEntry.action == action)))


@pytest.mark.parametrize("path, action", [
    ("/business/premises/{id}/training", "training.staff_list_viewed"),
    ("/business/premises/{id}/training.csv", "training.exported"),
])
def test_each_read_of_a_staff_list_is_logged_with_who_and_whose(app, business_client, officer_client, officer,
                                                                business_user, premises, clerk, path, action):
    assert business_client.get(path.format(id=premises.id)).status_code == 200
    assert officer_client.get(path.format(id=premises.id)).status_code == 200
    reads = _reads(action)
    assert [(read.user_id, read.premises_id) for read in reads] == [(business_user.id, premises.id),
                                                                      (officer.id, premises.id)]


def test_a_refused_read_is_not_logged_as_a_read(app, premises):
    from tests import factories

    stranger = app.test_client(user=factories.make_user())
    assert stranger.get(f"/business/premises/{premises.id}/training").status_code == 403
    assert _reads("training.staff_list_viewed") == []
