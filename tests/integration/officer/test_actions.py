import io
from datetime import date, timedelta

from PIL import Image

from scheme.enums import ActionStatus, ApplicationStatus
from scheme.extensions import db
from scheme.models import AuditLogEntry, EvidencePhoto
from tests import factories
from tests.factories_officer import make_action
from tests.pages import error_messages, get_page, post_page, text_of

TODAY = date.today()


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (10, 10), "green").save(output, format="PNG")
    return output.getvalue()


def test_a_business_sees_its_actions_with_overdue_ones_highlighted(business_client, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER)
    make_action(premises, due_on=TODAY - timedelta(days=1), description="Train the night porter")
    make_action(premises, due_on=TODAY, description="Put up the poster")
    page = get_page(business_client, f"/business/premises/{premises.id}/actions")
    items = [text_of(li) for li in page.select("#actions > li")]
    assert "Overdue" in items[0] and "Train the night porter" in items[0]
    assert "Overdue" not in items[1]


def test_a_business_marks_an_action_done_with_a_note_or_photo(business_client, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER)
    action = make_action(premises, due_on=TODAY)
    page = post_page(business_client, f"/business/actions/{action.id}/done", {"note": ""})
    assert error_messages(page) == ["Enter what you did, or add a photo"]
    page = post_page(business_client, f"/business/actions/{action.id}/done",
                     {"note": "", "photo": (io.BytesIO(_png()), "poster.png")}, content_type="multipart/form-data")
    assert "an officer will check" in text_of(page)
    db.session.refresh(action)
    assert action.status == ActionStatus.DONE
    assert db.session.scalar(db.select(EvidencePhoto).where(EvidencePhoto.action_id == action.id)) is not None


def test_a_business_photo_that_is_not_an_image_is_refused_and_the_note_kept(business_client, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER)
    action = make_action(premises, due_on=TODAY)
    page = post_page(business_client, f"/business/actions/{action.id}/done",
                     {"note": "Poster is up", "photo": (io.BytesIO(b"MZ not an image"), "poster.png")},
                     content_type="multipart/form-data")
    assert error_messages(page) == ["The selected file must be a JPEG or PNG photo"]
    assert "Poster is up" in page.find("textarea").get_text()
    assert action.status == ActionStatus.OPEN


def test_a_business_cannot_touch_another_premises_actions(business_client):
    other = factories.make_premises(status=ApplicationStatus.MEMBER)
    action = make_action(other, due_on=TODAY)
    assert business_client.get(f"/business/premises/{other.id}/actions").status_code == 403
    assert business_client.post(f"/business/actions/{action.id}/done", data={"note": "x"}).status_code == 403


def test_an_officer_closes_or_reopens_a_done_action(officer, officer_client):
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    action = make_action(premises, due_on=TODAY, status=ActionStatus.DONE, business_note="Poster is up")
    page = get_page(officer_client, f"/officer/actions/{action.id}")
    assert "Poster is up" in text_of(page)
    post_page(officer_client, f"/officer/actions/{action.id}", {"decision": "reopen", "note": "Not by the till"})
    db.session.refresh(action)
    assert action.status == ActionStatus.OPEN and action.officer_note == "Not by the till"
    post_page(officer_client, f"/officer/actions/{action.id}", {"decision": "close", "note": ""})
    db.session.refresh(action)
    assert action.status == ActionStatus.CLOSED and action.closed_at is not None
    logged = set(db.session.scalars(db.select(AuditLogEntry.action).where(AuditLogEntry.user_id == officer.id)))
    assert {"action.reopened", "action.closed"} <= logged
    page = post_page(officer_client, f"/officer/actions/{action.id}", {})
    assert page.find("form", attrs={"method": "post", "novalidate": True}) is None
