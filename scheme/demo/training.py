"""Training for the member premises, recorded as it would be: the staff go to a scheme briefing
whose register an officer closes, the business records each online course with its
certificate, and an officer approves the safeguarding lead's equivalent course.

How long ago each member's online courses were done (scheme/demo/history.py) makes it fully
trained, lapsing within weeks, or lapsed; each member also has a new starter in their grace
period, not yet trained, and a few staff are booked on a session still to come.
"""

import io

from scheme.demo.context import DemoContext
from scheme.demo.history import MEMBERS
from scheme.demo.premises import FIRST_BRIEFING_DAYS_AGO, FIRST_NAMES, SURNAMES
from scheme.domain.training import compliance_by_premises, records, sessions
from scheme.domain.training.modules import all_modules
from scheme.domain.training.staff import StaffDetails, add_staff, staff_of
from scheme.enums import JobRole, TrainingEvidence

BRIEFING = "Spot It Stop It briefing"
ONLINE = "CSE awareness online course"
TOOLBOX = "SET CSE Toolbox training"
# (held how many days ago, place, trainer); negative: still to come
SESSIONS = {
    "first": (FIRST_BRIEFING_DAYS_AGO, "Braintree Town Hall", "Essex Police and the community safety team"),
    "latest": (60, "Galleys Corner Travel Lodge", "Community safety team"),
    "upcoming": (-9, "Braintree Library", "Community safety team"),
}
TOOLBOX_DAYS_AGO = 500
# One equivalent course waiting for an officer's approval, at this member.
PENDING_APPROVAL_AT = "Galleys Grill"
BOOKED_ON_UPCOMING = ["Galleys Corner Travel Lodge", "The Horn Hotel", "Freeport Inn"]


def _online_certificate() -> records.Upload:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.rectangle((8, 8, 471, 291), outline="#1d70b8", width=4)
    draw.text((40, 60), "Certificate of completion", fill="black")
    draw.text((40, 110), "CSE awareness online course", fill="black")
    draw.text((40, 160), "NWG Network (demo certificate)", fill="#505a5f")
    output = io.BytesIO()
    image.save(output, format="PNG")
    return records.Upload("cse-awareness-certificate.png", output.getvalue())


def _sessions(demo: DemoContext, module_id: int) -> dict[str, int]:
    made = {}
    for key, (days_ago, place, trainer) in SESSIONS.items():
        made[key] = sessions.add_session(demo.officer, sessions.SessionDetails(
            module_id=module_id, held_on=demo.day(days_ago), place=place, trainer=trainer)).id
    return made


def load(demo: DemoContext) -> list[str]:
    members = [name for name in MEMBERS if name in demo.added]
    if members:
        _train(demo, members)
    return [_summary(demo)]


def _summary(demo: DemoContext) -> str:
    ids = [demo.premises_ids[name] for name in MEMBERS if name in demo.premises_ids]
    results = compliance_by_premises(ids, demo.today).values()
    lapsed = sum(not result.compliant for result in results)
    lapsing = sum(result.compliant and bool(result.lapsing(30)) for result in results)
    return (f"Training: {len(ids) - lapsing - lapsed} member premises fully trained, {lapsing} with training "
            f"lapsing within weeks, {lapsed} lapsed; 3 scheme sessions (one still to come).")


def _train(demo: DemoContext, members: list[str]) -> None:
    modules = {module.title: module for module in all_modules()}
    briefing, online, toolbox = modules[BRIEFING], modules[ONLINE], modules[TOOLBOX]
    certificate = _online_certificate()
    session_ids = _sessions(demo, briefing.id)
    attending: dict[str, list[int]] = {"first": [], "latest": []}

    for name in members:
        premises_id, owner = demo.added[name]
        team = staff_of(premises_id)
        attending[MEMBERS[name].briefing] += [person.id for person in team]
        completed = demo.day(MEMBERS[name].online_days_ago)
        for person in team:
            if person.is_safeguarding_lead or person.job_role.value in online.required_roles:
                records.record_training(owner, person.id, records.RecordDetails(
                    online.id, completed, TrainingEvidence.ONLINE_CERTIFICATE, certificate), demo.today)
            if person.is_safeguarding_lead:
                lead_course = records.record_training(owner, person.id, records.RecordDetails(
                    toolbox.id, demo.day(TOOLBOX_DAYS_AGO), TrainingEvidence.EQUIVALENT_APPROVED), demo.today)
                records.approve_equivalent(demo.officer, lead_course.id)
        if name == PENDING_APPROVAL_AT:
            colleague = next(person for person in team if not person.is_safeguarding_lead)
            records.record_training(owner, colleague.id, records.RecordDetails(
                toolbox.id, demo.day(14), TrainingEvidence.EQUIVALENT_APPROVED), demo.today)
        if name in BOOKED_ON_UPCOMING:
            sessions.add_attendees(demo.officer, session_ids["upcoming"], [team[-1].id], [], demo.today)

    for key, staff_ids in attending.items():
        held_on = demo.day(SESSIONS[key][0])
        sessions.add_attendees(demo.officer, session_ids[key], staff_ids, [], held_on)
        sessions.close_register(demo.officer, session_ids[key], held_on)

    # New starters join after the briefings, so they are not on any register yet.
    for index, name in enumerate(members):
        premises_id, owner = demo.added[name]
        new_starter = f"{FIRST_NAMES[(index * 7 + 3) % 24]} {SURNAMES[(index * 7) % 12]}"
        add_staff(owner, premises_id, StaffDetails(new_starter, JobRole.RECEPTION, demo.day(10)))
