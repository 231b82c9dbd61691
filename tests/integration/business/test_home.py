from datetime import date, timedelta

from scheme.enums import ActionStatus, ApplicationStatus
from scheme.extensions import db
from scheme.models import Action
from tests import factories
from tests.pages import get_page, text_of


def test_home_lists_each_premises_with_status_next_step_and_open_actions(business_client, business_user):
    today = date.today()
    draft = factories.make_premises(owner=business_user, trading_name="Fry Days")
    member = factories.make_premises(owner=business_user, trading_name="The Swan", status=ApplicationStatus.MEMBER)
    factories.make_premises(owner=factories.make_user(), trading_name="Not Mine")
    db.session.add_all([
        Action(premises_id=member.id, description="Put up the staff poster", due_on=today - timedelta(days=2)),
        Action(premises_id=member.id, description="Start an incident log", due_on=today + timedelta(days=9)),
        Action(premises_id=member.id, description="Already closed", due_on=today, status=ActionStatus.CLOSED),
    ])
    db.session.commit()

    page = get_page(business_client, "/business/")
    cards = {card.select_one(".govuk-summary-card__title").get_text(strip=True): text_of(card)
             for card in page.select(".govuk-summary-card")}
    assert set(cards) == {"Fry Days", "The Swan"}
    assert "Draft" in cards["Fry Days"] and "Complete the tasks in your application" in cards["Fry Days"]
    assert "Member" in cards["The Swan"]
    late = today - timedelta(days=2)
    assert f"Put up the staff poster: Overdue: was due {late.day} {late:%B %Y}" in cards["The Swan"]
    soon = today + timedelta(days=9)
    assert f"Start an incident log: due by {soon.day} {soon:%B %Y}" in cards["The Swan"]
    assert "Already closed" not in cards["The Swan"]
    assert page.select_one(f"a[href='/business/premises/{draft.id}']") is not None


def test_an_unconfirmed_account_is_asked_to_confirm_its_email(app):
    from tests.factories_business import make_unconfirmed_user

    user = make_unconfirmed_user()
    page = get_page(app.test_client(user=user), "/business/")
    assert "Confirm your email address using the link we sent to" in text_of(page)


def test_a_member_is_asked_to_pledge_again_when_new_standards_are_published(business_client, business_user, standards):
    from datetime import datetime, timezone

    from scheme.models import Pledge

    member = factories.make_premises(owner=business_user, trading_name="The Swan", status=ApplicationStatus.MEMBER)
    db.session.add(Pledge(premises_id=member.id, standards_version_id=standards.id, user_id=business_user.id,
                          pledged_at=datetime.now(timezone.utc)))
    db.session.commit()
    assert "The scheme's standards have changed" not in text_of(get_page(business_client, "/business/"))

    newer = factories.make_standards_version(codes=("S1", "S2", "S7", "S11"))
    page = get_page(business_client, "/business/")
    assert "The scheme's standards have changed" in text_of(page)
    assert "New: S11 Standard S11 (mandatory)" in text_of(page)
    pledge_link = _link_containing(page, "pledge again")
    assert pledge_link == f"/business/premises/{member.id}/pledge"

    from tests.pages import post_page

    post_page(business_client, pledge_link, {})
    assert db.session.scalar(db.select(Pledge).where(Pledge.standards_version_id == newer.id)).premises_id == member.id
    assert "The scheme's standards have changed" not in text_of(get_page(business_client, "/business/"))


def test_each_premises_links_to_its_actions(business_client, business_user):
    premises = factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER)
    page = get_page(business_client, "/business/")
    link = _link_containing(page, "Actions from visits")
    assert link == f"/business/premises/{premises.id}/actions"
    get_page(business_client, link)


def _link_containing(page, words: str) -> str:
    [link] = [a["href"] for a in page.select("a") if words in a.get_text()]
    return link
