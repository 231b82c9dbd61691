"""About 30 premises of every type around Braintree and Galley's Corner, in every application
state, each managed by a business account."""

from datetime import date, datetime, time, timedelta, timezone

from scheme.enums import ApplicationStatus, JobRole, PremisesType, Role
from scheme.extensions import db
from scheme.models import (
    Pledge,
    Premises,
    PremisesMember,
    StaffMember,
    StandardsVersion,
    User,
)
from scheme.models.base import utcnow

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
]

FIRST_NAMES = ["Aisha", "Ben", "Chloe", "Dan", "Ewa", "Farid", "Grace", "Harry", "Imran", "Jade", "Kieran", "Leah",
               "Mo", "Nina", "Olu", "Priya", "Reece", "Sophie", "Tom", "Uma", "Vik", "Wes", "Yasmin", "Zoe"]
SURNAMES = ["Ahmed", "Baker", "Clarke", "Dunn", "Evans", "Fox", "Green", "Hughes", "Iqbal", "Jones", "Khan", "Lee"]


def _slug(name: str) -> str:
    return "".join(ch for ch in name.lower() if ch.isalnum())[:20]


def business_email(premises_name: str) -> str:
    return f"{_slug(premises_name)}@example.com"


def _at(day: date) -> datetime:
    return datetime.combine(day, time(10, 0), tzinfo=timezone.utc)


def load(today: date) -> list[str]:
    from scheme.demo import DEMO_PASSWORD
    from scheme.domain.accounts.passwords import hash_password

    version = db.session.scalar(db.select(StandardsVersion).order_by(StandardsVersion.number.desc()).limit(1))
    existing = set(db.session.scalars(db.select(Premises.name)))
    password_hash = None
    created_by_status: dict[ApplicationStatus, str] = {}
    for index, (name, kind, street, town, postcode, area, staff, night, status) in enumerate(PREMISES):
        email = business_email(name)
        created_by_status.setdefault(status, email)
        if name in existing:
            continue
        password_hash = password_hash or hash_password(DEMO_PASSWORD)
        owner = db.session.scalar(db.select(User).where(User.email == email))
        if owner is None:
            owner = User(email=email, name=f"{FIRST_NAMES[index % 24]} {SURNAMES[index % 12]}", role=Role.BUSINESS,
                         password_hash=password_hash, email_confirmed_at=utcnow())
            db.session.add(owner)
        premises = Premises(
            name=name, premises_type=kind, address_line_1=street, town=town, postcode=postcode, area=area,
            phone=f"01376 {550000 + index * 37:06d}", email=email, staff_count=staff, open_at_night=night,
            opening_hours="Every day, 6am to 2am" if night else "Monday to Saturday, 9am to 6pm",
            status=status, lead_phone=f"07700 900{index:03d}", lead_email=email,
        )
        premises.members.append(PremisesMember(user=owner))
        lead = FIRST_NAMES[(index + 7) % 24] + " " + SURNAMES[(index + 3) % 12]
        premises.staff.append(StaffMember(name=lead, job_role=JobRole.MANAGER, is_safeguarding_lead=True,
                                          started_on=today - timedelta(days=900 + index)))
        if status != S.DRAFT:
            started = today - timedelta(days=120 + index * 9)
            premises.submitted_at = _at(started)
            db.session.add(premises)
            db.session.flush()
            db.session.add(Pledge(premises_id=premises.id, standards_version_id=version.id, user_id=owner.id,
                                  pledged_at=_at(started)))
        if status in (S.MEMBER, S.REJECTED):
            premises.decided_at = _at(today - timedelta(days=100 + index * 8))
        if status == S.REJECTED:
            premises.officer_message = "The premises is outside the scheme's area."
        if status == S.CHANGES_REQUESTED:
            premises.officer_message = "Please name a safeguarding lead who works at the premises most days."
            premises.changes_due_on = today + timedelta(days=14 - index % 20)
        db.session.add(premises)
    db.session.flush()

    lines = ["Business sign-ins (same password), one premises in each state:"]
    for status, email in created_by_status.items():
        lines.append(f"  {status.value:<18} {email}")
    return lines
