"""The sticker tells the truth, in a browser: a certificate is issued; the business adds an
untrained member of staff who started ten weeks ago; the business home says at risk; the
public page says "Accredited" until the grace period ends and "NOT accredited" after it (the
server's days moved on through its SCHEME_TODAY setting); the officer's training record for
that person brings "Accredited" back at once."""

import io
import uuid
from datetime import date, timedelta

import pytest

from scheme.domain import settings
from scheme.domain.accounts import users
from scheme.enums import Role
from scheme.extensions import db
from scheme.models import PremisesMember, TrainingModule
from tests import factories
from tests.e2e.helpers import sign_in
from tests.integration.certificates.conftest import issue, make_eligible_premises, seed_routes

pytestmark = pytest.mark.e2e
PASSWORD = "a long e2e password"


class Days:
    def __init__(self, today: date):
        self.today = today

    def __call__(self) -> date:
        return self.today


@pytest.fixture
def server_days(live_server):
    days = Days(date.today())
    live_server.app.config["SCHEME_TODAY"] = days
    yield days
    live_server.app.config.pop("SCHEME_TODAY", None)


def _user(role: Role):
    email = f"e2e-ready-{role.value}-{uuid.uuid4().hex[:8]}@example.com"
    users.create_user(email=email, name=f"E2E {role.value}", password=PASSWORD, role=role)
    return email


def _certificate_png() -> bytes:
    from PIL import Image

    output = io.BytesIO()
    Image.new("RGB", (60, 40), "white").save(output, format="PNG")
    return output.getvalue()


def _headline(browser, base_url: str, code: str) -> str:
    # A new phone each time: the page may be cached for a minute, as a browser would.
    context = browser.new_context(viewport={"width": 390, "height": 844})
    try:
        page = context.new_page()
        page.goto(f"{base_url}/v/{code}")
        return page.locator("h1").inner_text()
    finally:
        context.close()


def test_the_public_page_follows_the_staff_training(live_server, live_app, server_days, phone_page, browser):
    seed_routes()
    today = server_days.today
    # A module of this test's own, taken out of use at its end: the server's database outlives
    # the test, and every lead must hold every active module.
    module = factories.make_module(title=f"Readiness briefing {uuid.uuid4().hex[:6]}")
    module_id = module.id
    try:
        _journey(live_server, server_days, phone_page, browser, today)
    finally:
        with live_server.app.app_context():
            db.session.get(TrainingModule, module_id).active = False
            db.session.commit()


def _journey(live_server, server_days, phone_page, browser, today):
    business_email, officer_email = _user(Role.BUSINESS), _user(Role.OFFICER)
    owner = users.find_user_by_email(business_email)
    premises = make_eligible_premises(on=today, name=f"The Ready Arms {uuid.uuid4().hex[:4]}")
    db.session.add(PremisesMember(premises_id=premises.id, user_id=owner.id))
    db.session.commit()
    code = issue(premises, on=today).public_code
    premises_id, grace = premises.id, settings.load().readiness_grace_days
    db.session.close()  # hold no read transaction while the server writes (SQLite)

    public = browser
    assert _headline(public, live_server.url, code).startswith("Accredited until")

    # The business adds someone who started ten weeks ago and has no training.
    page = phone_page
    sign_in(page, live_server.url, business_email, PASSWORD)
    page.goto(f"{live_server.url}/business/premises/{premises_id}/training")
    page.get_by_role("link", name="Add a member of staff").click()
    page.get_by_label("Name").fill("Sam Newstart")
    page.get_by_label("Reception").check()
    started = today - timedelta(weeks=10)
    page.get_by_label("Day").fill(str(started.day))
    page.get_by_label("Month").fill(str(started.month))
    page.get_by_label("Year").fill(str(started.year))
    page.get_by_role("button", name="Add member of staff").click()

    page.goto(f"{live_server.url}/business/")
    banner = page.locator(f"#at-risk-{premises_id}").inner_text()
    stops = today + timedelta(days=grace)
    assert "is at risk of losing its accreditation" in banner
    assert f"from {stops.day} {stops:%B} {stops.year}" in banner

    # Still accredited through the grace period; not once it is over.
    server_days.today = stops - timedelta(days=1)
    assert _headline(public, live_server.url, code).startswith("Accredited until")
    server_days.today = stops
    assert _headline(public, live_server.url, code) == "NOT accredited: suspended pending checks"
    server_days.today = stops + timedelta(days=1)
    assert _headline(public, live_server.url, code) == "NOT accredited: suspended pending checks"

    # An officer records Sam's training: accredited again at once.
    officer_page = browser.new_context(viewport={"width": 390, "height": 844}).new_page()
    sign_in(officer_page, live_server.url, officer_email, PASSWORD)
    officer_page.goto(f"{live_server.url}/business/premises/{premises_id}/training")
    done = date.today()
    missing = officer_page.get_by_role("link", name="record training for Sam Newstart")
    assert missing.count() >= 1
    while missing.count():
        missing.first.click()
        officer_page.get_by_label("Day").fill(str(done.day))
        officer_page.get_by_label("Month").fill(str(done.month))
        officer_page.get_by_label("Year").fill(str(done.year))
        officer_page.get_by_label("Online course certificate").check()
        officer_page.get_by_label("Certificate (PDF, JPEG or PNG, up to 10 MB)").set_input_files(
            files=[{"name": "certificate.png", "mimeType": "image/png", "buffer": _certificate_png()}])
        officer_page.get_by_role("button", name="Save training record").click()
        assert "Training recorded" in officer_page.locator("main").inner_text()
        missing = officer_page.get_by_role("link", name="record training for Sam Newstart")
    assert _headline(public, live_server.url, code).startswith("Accredited until")
    officer_page.context.close()
