import io
import uuid
from datetime import date, timedelta

import pytest
from PIL import Image

from scheme.domain.accounts import users
from scheme.enums import ApplicationStatus, JobRole, Role
from scheme.extensions import db
from scheme.models import PremisesMember, TrainingSession
from tests import factories
from tests.e2e.helpers import accessibility_violations, sign_in

pytestmark = pytest.mark.e2e
PASSWORD = "a long e2e password"


def _png() -> bytes:
    output = io.BytesIO()
    Image.new("RGB", (40, 20), "white").save(output, format="PNG")
    return output.getvalue()


def _user(role: Role):
    email = f"e2e-{role.value}-{uuid.uuid4().hex[:8]}@example.com"
    user = users.create_user(email=email, name="E2E Person", password=PASSWORD, role=role)
    return user, email


def test_business_records_training_on_a_phone(live_server, live_app, phone_page):
    user, email = _user(Role.BUSINESS)
    module = factories.make_module(title=f"Briefing {uuid.uuid4().hex[:6]}", required_roles=["reception", "manager"])
    premises = factories.make_premises(status=ApplicationStatus.MEMBER)
    db.session.add(PremisesMember(premises_id=premises.id, user_id=user.id))
    db.session.commit()
    factories.make_staff(premises, name="Lee Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True)
    module_title, premises_id = module.title, premises.id
    db.session.close()  # hold no read transaction while the server writes (SQLite)

    page = phone_page
    sign_in(page, live_server.url, email, PASSWORD)
    page.goto(f"{live_server.url}/business/premises/{premises_id}/training")
    assert "Training requirements not met" in page.locator("main").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    assert accessibility_violations(page) == []

    page.get_by_role("link", name="record training").first.click()
    assert page.locator("h1").inner_text() == "Record training for Lee Lead"
    assert accessibility_violations(page) == []
    page.get_by_label("Training module").select_option(label=module_title)
    today = date.today()
    page.get_by_label("Day").fill(str(today.day))
    page.get_by_label("Month").fill(str(today.month))
    page.get_by_label("Year").fill(str(today.year))
    # A scheme session comes only from a register an officer closes: a business records a course.
    assert page.get_by_label("Scheme training session").count() == 0
    page.get_by_label("Online course certificate").check()
    page.get_by_label("Certificate (PDF, JPEG or PNG, up to 10 MB)").set_input_files(
        {"name": "certificate.png", "mimeType": "image/png", "buffer": _png()})
    page.get_by_role("button", name="Save training record").click()
    main = page.locator("main").inner_text()
    assert "Training recorded" in main and "Training requirements met" in main


def test_officer_fills_a_register_without_javascript(live_server, live_app, no_js_page):
    _officer, email = _user(Role.OFFICER)
    module = factories.make_module(title=f"Session module {uuid.uuid4().hex[:6]}")
    people = []
    for n in range(2):
        premises = factories.make_premises(status=ApplicationStatus.MEMBER, name=f"Register premises {uuid.uuid4().hex[:6]}")
        people.append(factories.make_staff(premises, name=f"Attendee {n} {uuid.uuid4().hex[:4]}"))
    session = TrainingSession(module_id=module.id, held_on=date.today() - timedelta(days=1), place="Town Hall",
                              trainer="PC Jones")
    db.session.add(session)
    db.session.commit()
    names, session_id = [person.name for person in people], session.id
    db.session.close()  # hold no read transaction while the server writes (SQLite)

    # axe and scroll-width checks need JavaScript, so this test only drives the forms.
    page = no_js_page
    sign_in(page, live_server.url, email, PASSWORD)
    page.goto(f"{live_server.url}/officer/training-sessions/{session_id}")
    # The register offers people only once searched for (by their name or their premises').
    page.get_by_label("Find people by their name, or their premises' name, area or postcode").fill("Attendee")
    page.get_by_role("button", name="Find").click()
    for name in names:
        page.get_by_label(f"{name} (Reception)").check()
    page.get_by_role("button", name="Add to the register").click()
    assert "2 added to the register" in page.locator("main").inner_text()
    page.get_by_role("button", name="Close the register and record the training").click()
    assert "Register closed: training recorded for 2 people" in page.locator("main").inner_text()
