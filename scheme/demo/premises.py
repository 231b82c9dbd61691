"""About 30 premises of every type around Braintree and Galley's Corner, each taken by its
business through the application (details, lead, staff, pledge, self-assessment, submit) as
far as its state needs, and decided by an officer."""

from scheme.demo import history
from scheme.demo.context import DEMO_PASSWORD, DemoContext
from scheme.domain import areas
from scheme.domain.accounts import users
from scheme.domain.premises import applications, review
from scheme.domain.standards import current_standards_version
from scheme.domain.training.staff import StaffDetails, add_staff
from scheme.enums import Answer, ApplicationStatus, JobRole, PremisesType, Role
from scheme.extensions import db
from scheme.models import Premises

T = PremisesType
S = ApplicationStatus
GALLEYS = "Galley's Corner"

# name, type, address, town, postcode, area, staff, night, status
PREMISES = [
    ("Galleys Corner Travel Lodge", T.HOTEL, "Cressing Road", "Braintree", "CM77 8GD", GALLEYS, 18, True, S.MEMBER),
    ("The Horn Hotel", T.HOTEL, "10 High Street", "Braintree", "CM7 1JX", "Braintree Town", 12, True, S.MEMBER),
    ("Rayne Road Guest House", T.HOTEL, "88 Rayne Road", "Braintree", "CM7 2QH", "Braintree Town", 3, True, S.SUBMITTED),
    ("Freeport Inn", T.HOTEL, "Charter Way", "Braintree", "CM77 8YH", GALLEYS, 25, True, S.MEMBER),
    ("Bocking B&B", T.HOTEL, "4 Church Street", "Bocking", "CM7 5JY", "Bocking", 2, False, S.DRAFT),
    ("Golden Dragon Takeaway", T.TAKEAWAY, "21 Coggeshall Road", "Braintree", "CM7 9BY", "Braintree Town", 5, True, S.MEMBER),
    ("Galleys Grill", T.TAKEAWAY, "Unit 3, Galleys Corner Retail Park", "Braintree", "CM77 8GA", GALLEYS, 9, True, S.MEMBER),
    ("Pizza Express Freeport", T.TAKEAWAY, "Charter Way", "Braintree", "CM77 8YH", GALLEYS, 14, False, S.CHANGES_REQUESTED),
    ("Kebab Corner", T.TAKEAWAY, "2 Bank Street", "Braintree", "CM7 1UG", "Braintree Town", 4, True, S.SUBMITTED),
    ("Fry Days Fish Bar", T.TAKEAWAY, "55 Notley Road", "Braintree", "CM7 1HF", "Great Notley", 6, False, S.DRAFT),
    ("A120 Cars", T.TAXI, "Unit 7, Springwood Drive", "Braintree", "CM7 2YN", GALLEYS, 22, True, S.MEMBER),
    ("Braintree Station Taxis", T.TAXI, "Station Approach", "Braintree", "CM7 3QN", "Braintree Town", 15, True, S.MEMBER),
    ("Notley Private Hire", T.TAXI, "12 Oak Road", "Great Notley", "CM77 7AA", "Great Notley", 8, True, S.REJECTED),
    ("Castle Cabs", T.TAXI, "40 Manor Street", "Braintree", "CM7 3HS", "Braintree Town", 11, True, S.SUBMITTED),
    ("The Swan", T.PUB, "19 Bradford Street", "Bocking", "CM7 9AT", "Bocking", 10, True, S.MEMBER),
    ("The Orange Tree", T.PUB, "Galleys Corner", "Braintree", "CM77 8GD", GALLEYS, 16, True, S.MEMBER),
    ("Fountain Bar", T.PUB, "3 Fairfield Road", "Braintree", "CM7 3HA", "Braintree Town", 8, True, S.MEMBER),
    ("The Boars Head", T.PUB, "Church Street", "Braintree", "CM7 5LA", "Braintree Town", 7, True, S.CHANGES_REQUESTED),
    ("Club Nexus", T.PUB, "Unit 1, Victoria Street", "Braintree", "CM7 3BA", "Braintree Town", 20, True, S.DRAFT),
    ("Galleys Corner Services Shop", T.SHOP, "A120 Services, Galleys Corner", "Braintree", "CM77 8GB", GALLEYS, 12, True, S.MEMBER),
    ("Costcutter Rayne Road", T.SHOP, "140 Rayne Road", "Braintree", "CM7 2QS", "Braintree Town", 6, True, S.MEMBER),
    ("Bocking Wines", T.SHOP, "77 Bradford Street", "Bocking", "CM7 9AS", "Bocking", 3, True, S.MEMBER),
    ("Notley News", T.SHOP, "The Square", "Great Notley", "CM77 7WT", "Great Notley", 4, False, S.SUBMITTED),
    ("Late Stop Off-Licence", T.SHOP, "9 High Street", "Braintree", "CM7 1JR", "Braintree Town", 3, True, S.DRAFT),
    ("Braintree Station", T.TRANSPORT, "Station Approach", "Braintree", "CM7 3QN", "Braintree Town", 14, True, S.MEMBER),
    ("Braintree Freeport Station", T.TRANSPORT, "Freeport Way", "Braintree", "CM77 8GQ", GALLEYS, 4, False, S.MEMBER),
    ("Braintree Bus Station", T.TRANSPORT, "Victoria Street", "Braintree", "CM7 3BA", "Braintree Town", 6, True, S.SUBMITTED),
    ("Galleys Corner Leisure Centre", T.OTHER, "Panfield Lane", "Braintree", "CM7 5RP", GALLEYS, 30, False, S.MEMBER),
    ("Quest Laser Arena", T.OTHER, "Unit 12, Springwood Drive", "Braintree", "CM7 2YN", GALLEYS, 8, True, S.MEMBER),
    ("Riverside Snooker Club", T.OTHER, "5 Riverside", "Bocking", "CM7 9BD", "Bocking", 5, True, S.REJECTED),
    # A sole-trader taxi driver working from home: the public sees "CM7", never the street.
    ("Dunn's Private Hire", T.TAXI, "27 Coldnailhurst Avenue", "Braintree", "CM7 5PY", "Bocking", 1, True, S.MEMBER),
]
# Run from a home address, by its owner alone (no staff but the owner, who is the lead).
HOME_BASED = {"Dunn's Private Hire"}

FIRST_NAMES = ["Aisha", "Ben", "Chloe", "Dan", "Ewa", "Farid", "Grace", "Harry", "Imran", "Jade", "Kieran", "Leah",
               "Mo", "Nina", "Olu", "Priya", "Reece", "Sophie", "Tom", "Uma", "Vik", "Wes", "Yasmin", "Zoe"]
SURNAMES = ["Ahmed", "Baker", "Clarke", "Dunn", "Evans", "Fox", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lee"]


CHAIN_EMAIL = "chain.manager@example.com"
CHAIN_NAME = "Hassan Okafor"
CHAIN_PREMISES = ["Galleys Grill", "Pizza Express Freeport", "Fry Days Fish Bar"]

ROLES_BY_TYPE = {
    PremisesType.HOTEL: [JobRole.RECEPTION, JobRole.NIGHT_MANAGER, JobRole.RECEPTION, JobRole.KITCHEN],
    PremisesType.TAKEAWAY: [JobRole.KITCHEN, JobRole.DRIVER, JobRole.OTHER],
    PremisesType.TAXI: [JobRole.DRIVER, JobRole.DRIVER, JobRole.RECEPTION, JobRole.DRIVER],
    PremisesType.PUB: [JobRole.BAR_STAFF, JobRole.BAR_STAFF, JobRole.NIGHT_MANAGER, JobRole.KITCHEN],
    PremisesType.SHOP: [JobRole.OTHER, JobRole.NIGHT_MANAGER],
    PremisesType.TRANSPORT: [JobRole.RECEPTION, JobRole.OTHER, JobRole.NIGHT_MANAGER],
    PremisesType.OTHER: [JobRole.RECEPTION, JobRole.OTHER, JobRole.BAR_STAFF],
}

NOT_YET_NOTES = {
    "S4": "We write concerns on the back of the rota; a proper log book is on order.",
    "S5": "The camera over the back door is broken; an engineer is booked.",
}
CHANGES_MESSAGE = "Please name a safeguarding lead who works at the premises most days."
# days from today until the changes are due: the Boars Head is past its deadline
CHANGES_DUE_IN = {"Pizza Express Freeport": 10, "The Boars Head": -3}
REJECTION = "The premises is outside the scheme's area."
FIRST_BRIEFING_DAYS_AGO = 450  # the scheme's first training session (scheme/demo/training.py)
# How far each draft has got: 1 details only, 2 with a lead and staff, 3 pledged, 4 part self-assessed.
DRAFT_STAGE = {"Bocking B&B": 1, "Fry Days Fish Bar": 2, "Club Nexus": 3, "Late Stop Off-Licence": 4}


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:20]


def business_email(premises_name: str) -> str:
    return f"{_slug(premises_name)}@example.com"


def _owner(email: str, name: str):
    return users.find_user_by_email(email) or users.create_user(
        email=email, name=name, password=DEMO_PASSWORD, role=Role.BUSINESS)


def _applied_days_ago(name: str, status: ApplicationStatus, index: int) -> int:
    if status == S.MEMBER:
        return history.joined_days_ago(name)
    return {S.SUBMITTED: 3 + index % 17, S.CHANGES_REQUESTED: 30, S.REJECTED: 60}.get(status, 20)


def _team(demo: DemoContext, owner, premises_id: int, kind: PremisesType, index: int, *, alone: bool) -> str:
    """The staff list, the safeguarding lead first; returns the lead's name. Everyone started
    before the scheme's first briefing, so any of them could have been on its register."""
    settled = FIRST_BRIEFING_DAYS_AGO + 30
    lead = f"{FIRST_NAMES[(index + 7) % 24]} {SURNAMES[(index + 3) % 12]}"
    add_staff(owner, premises_id, StaffDetails(name=lead, job_role=JobRole.MANAGER,
                                               started_on=demo.day(settled + 400 + index), is_safeguarding_lead=True))
    for position, role in enumerate([] if alone else ROLES_BY_TYPE[kind]):
        n = index * 5 + position
        add_staff(owner, premises_id, StaffDetails(
            name=f"{FIRST_NAMES[n % 24]} {SURNAMES[(n * 5) % 12]}", job_role=role,
            started_on=demo.day(settled + (n * 37) % 400)))
    return lead


def _self_assess(owner, premises_id: int, kind: PremisesType, now, index: int, *, part: bool = False) -> None:
    standards = applications.applicable_standards(current_standards_version(), kind)
    if part:
        standards = standards[:len(standards) // 2]
    answers = {}
    for standard in standards:
        not_yet = standard.code in NOT_YET_NOTES and index % 3 == 0
        answers[standard.id] = (Answer.NOT_MET, NOT_YET_NOTES[standard.code]) if not_yet else (Answer.MET, "")
    applications.save_self_assessment(owner, premises_id, answers, now)


def _apply(demo: DemoContext, index: int, row: tuple) -> tuple[int, object]:
    name, kind, street, town, postcode, area, staff, night, status = row
    email = business_email(name)
    owner = (_owner(CHAIN_EMAIL, CHAIN_NAME) if name in CHAIN_PREMISES
             else _owner(email, f"{FIRST_NAMES[index % 24]} {SURNAMES[index % 12]}"))
    premises = applications.add_premises(owner, {
        "name": name, "premises_type": kind, "address_line_1": street, "town": town, "postcode": postcode,
        "area_id": areas.id_named(area), "phone": f"01376 {550000 + index * 37:06d}", "email": email, "staff_count": staff,
        "open_at_night": night, "home_based": name in HOME_BASED,
        "opening_hours": "Every day, 6am to 2am" if night else "Monday to Saturday, 9am to 6pm",
    })
    stage = DRAFT_STAGE.get(name, 1) if status == S.DRAFT else 5
    applied = _applied_days_ago(name, status, index)
    if stage >= 2:
        lead = _team(demo, owner, premises.id, kind, index, alone=name in HOME_BASED)
        applications.save_safeguarding_lead(owner, premises.id, name=lead, job_role=JobRole.MANAGER,
                                            phone=f"07700 900{index:03d}", email=email, today=demo.day(applied))
    if stage >= 3:
        applications.pledge_to_standards(owner, premises.id, demo.at(applied))
    if stage >= 4:
        _self_assess(owner, premises.id, kind, demo.at(applied), index, part=stage == 4)
    if stage == 5:
        applications.submit_application(owner, premises.id, demo.at(applied), demo.day(applied))
        _decide(demo, premises.id, name, status)
    return premises.id, owner


def _decide(demo: DemoContext, premises_id: int, name: str, status: ApplicationStatus) -> None:
    if status == S.MEMBER:
        review.approve(demo.officer, premises_id)
    elif status == S.CHANGES_REQUESTED:
        review.request_changes(demo.officer, premises_id, CHANGES_MESSAGE, demo.day(-CHANGES_DUE_IN[name]))
    elif status == S.REJECTED:
        review.reject(demo.officer, premises_id, REJECTION)


def load(demo: DemoContext) -> list[str]:
    existing = {name: premises_id for name, premises_id in db.session.execute(db.select(Premises.name, Premises.id))}
    for index, row in enumerate(PREMISES):
        name = row[0]
        if name in existing:
            demo.premises_ids[name] = existing[name]
        else:
            demo.added[name] = _apply(demo, index, row)
            demo.premises_ids[name] = demo.added[name][0]
    return []
