"""A large, realistic scheme for measuring the service at county scale.

`flask --app scheme generate-load-data --premises N` adds N premises in every state (draft to
accredited, suspended, revoked, expired, renewed), each with ten staff, their training
records, self-assessments, audit visits, actions, certificates and scan counts, plus a few
training sessions with registers and courses waiting for approval.

The rows are written with bulk inserts rather than through the services: the services make
the same rows one premises at a time, which for tens of thousands of premises takes hours.
What this skips is what a service adds around the rows (audit-log entries, emails) and the
QR code each certificate keeps (printing makes one when a certificate has none): a QR costs
milliseconds each, which at this scale is minutes. Everything the pages read is there.
"""

import functools
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa

from scheme.domain import dates, settings
from scheme.domain.accounts.passwords import hash_password
from scheme.domain.certificates.codes import CODE_ALPHABET, CODE_LENGTH, format_number
from scheme.domain.areas import name_key
from scheme.domain.premises.readiness_rule import (
    ActionFacts,
    ReadinessFacts,
    Stored,
    next_stored,
    next_trained_until,
    staff_figures,
)
from scheme.domain.training.rule import ModuleFacts, RecordFacts, StaffFacts, awaiting_approval, held_until
from scheme.domain.transaction import service
from scheme.enums import (
    ActionStatus,
    ApplicationStatus,
    AssessmentKind,
    CertificateStatus,
    JobRole,
    Outcome,
    PremisesType,
    Role,
    TrainingEvidence,
)
from scheme.extensions import db
from scheme.models import (
    Action,
    Area,
    AreaDistrict,
    Assessment,
    Certificate,
    CertificateCounter,
    PremisesMember,
    Pledge,
    Premises,
    ScanCount,
    SessionAttendee,
    StaffMember,
    StandardsVersion,
    TrainingModule,
    TrainingRecord,
    TrainingSession,
    User,
)
from scheme.models.base import new_public_id

STAFF_PER_PREMISES = 10

AREAS = [
    "Braintree Central", "Galleys Corner", "Witham North", "Witham South", "Halstead", "Coggeshall",
    "Chelmsford Central", "Springfield", "Great Baddow", "South Woodham Ferrers", "Colchester Town",
    "Stanway", "Wivenhoe", "Tiptree", "Harlow Old Town", "Epping", "Loughton", "Basildon Central",
    "Pitsea", "Wickford", "Billericay", "Brentwood", "Shenfield", "Southend Central", "Leigh-on-Sea",
    "Westcliff", "Rayleigh", "Rochford", "Canvey Island", "Clacton-on-Sea", "Frinton", "Harwich",
    "Maldon", "Burnham-on-Crouch", "Saffron Walden", "Stansted", "Dunmow", "Thurrock", "Grays", "Tilbury",
]
TOWN_OF_AREA = {area: area.split(" ")[0] for area in AREAS}
# Each area's two postcode districts (CM1 and CM41 for the first, ...): a premises' postcode
# is in its area's districts, so the postcode suggests the area, as in a real scheme.
DISTRICTS_OF_AREA = {area: (f"CM{n + 1}", f"CM{n + 41}") for n, area in enumerate(AREAS)}
NAMES = ["Rose", "Crown", "Swan", "Station", "Market", "Bridge", "Castle", "Riverside", "Park", "Corner",
         "King's", "Queen's", "Oak", "Mill", "Harbour", "Victoria", "Albion", "Star", "Anchor", "Plough"]
KINDS = {
    PremisesType.HOTEL: ["Hotel", "Inn", "Guest House", "Lodge"],
    PremisesType.TAKEAWAY: ["Kebab House", "Pizza", "Fish Bar", "Chicken", "Noodle Bar"],
    PremisesType.TAXI: ["Cars", "Taxis", "Private Hire"],
    PremisesType.PUB: ["Arms", "Tavern", "Bar", "Social Club"],
    PremisesType.SHOP: ["Convenience Store", "Off Licence", "Food and Wine", "Newsagents"],
    PremisesType.TRANSPORT: ["Station", "Bus Station", "Interchange"],
    PremisesType.OTHER: ["Leisure Centre", "Snooker Hall", "Car Wash"],
}
TYPE_WEIGHTS = {PremisesType.HOTEL: 10, PremisesType.TAKEAWAY: 30, PremisesType.TAXI: 10, PremisesType.PUB: 15,
                PremisesType.SHOP: 25, PremisesType.TRANSPORT: 3, PremisesType.OTHER: 7}
ROLES_OF_TYPE = {
    PremisesType.HOTEL: [JobRole.RECEPTION, JobRole.NIGHT_MANAGER, JobRole.OTHER],
    PremisesType.TAKEAWAY: [JobRole.KITCHEN, JobRole.DRIVER, JobRole.OTHER],
    PremisesType.TAXI: [JobRole.DRIVER],
    PremisesType.PUB: [JobRole.BAR_STAFF, JobRole.KITCHEN],
    PremisesType.SHOP: [JobRole.OTHER, JobRole.RECEPTION],
    PremisesType.TRANSPORT: [JobRole.OTHER, JobRole.RECEPTION],
    PremisesType.OTHER: [JobRole.OTHER],
}
FIRST_NAMES = ["Amira", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Kiran",
               "Leah", "Mo", "Nia", "Omar", "Priya", "Quinn", "Ravi", "Sophie", "Tom", "Uma", "Vik", "Will", "Zara"]
LAST_NAMES = ["Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fox", "Green", "Hughes", "Iqbal", "Jones",
              "Khan", "Lewis", "Murphy", "Nowak", "Patel", "Quirke", "Roberts", "Singh", "Taylor", "Walker"]

# How a premises' story ends, with how often (weights): the states every page must show.
STORIES = {
    "draft": 4, "submitted": 4, "changes_requested": 2, "changes_overdue": 2, "rejected": 2,
    "member_no_certificate": 6, "accredited": 55, "accredited_training_lapsed": 6, "expiring": 4,
    "renewed": 6, "suspended": 3, "revoked": 2, "expired": 5,
}


@dataclass
class _Ids:
    """The next free id of each table, so rows can name one another before they are written."""

    next: dict[str, int] = field(default_factory=dict)

    def take(self, table: str) -> int:
        value = self.next[table]
        self.next[table] = value + 1
        return value


@dataclass
class _Rows:
    tables: dict[str, list[dict]] = field(default_factory=dict)

    def add(self, table: str, **row) -> None:
        self.tables.setdefault(table, []).append(row)


_TABLES = [User, Premises, PremisesMember, Pledge, StaffMember, TrainingSession, TrainingRecord,
           SessionAttendee, Assessment, Action, Certificate, ScanCount]


def _areas(session) -> dict[str, tuple[int, tuple[str, str]]]:
    """The generator's areas, made when missing (an area of the same name, folded, is used as
    it is), each given those of its two districts no area holds yet: {name: (id, two of its
    districts for its premises' postcodes)}."""
    existing = {row.key: row.id for row in session.execute(sa.select(Area.key, Area.id))}
    holder = dict(session.execute(sa.select(AreaDistrict.district, AreaDistrict.area_id)).all())
    found = {}
    for name in AREAS:
        key = name_key(name)
        if key not in existing:
            area = Area(name=name, key=key, active=True)
            session.add(area)
            session.flush()
            existing[key] = area.id
        area_id = existing[key]
        for district in DISTRICTS_OF_AREA[name]:
            if district not in holder:
                session.add(AreaDistrict(district=district, area_id=area_id))
                holder[district] = area_id
        own = sorted(district for district, holder_id in holder.items() if holder_id == area_id)
        # An area whose districts all lie in others keeps its nominal ones (suggesting another).
        found[name] = (area_id, tuple((own * 2)[:2]) if own else DISTRICTS_OF_AREA[name])
    session.flush()
    return found


@functools.cache
def _at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour, 0), tzinfo=UTC)


def _codes(rng: random.Random, taken: set[str]) -> Iterator[str]:
    while True:
        code = "".join(rng.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        if code not in taken:
            taken.add(code)
            yield code


def generate(premises_count: int, today: date, seed: int = 2026) -> dict[str, int]:
    """Add premises_count premises and everything that goes with them; rows added per table.

    Needs the scheme's reference data (a published standards version, training modules and
    staff accounts), which the caller makes through the services first.
    """
    rng = random.Random(seed)
    session = db.session
    version_id = session.scalar(sa.select(sa.func.max(StandardsVersion.id)))
    modules = session.execute(
        sa.select(TrainingModule.id, TrainingModule.title, TrainingModule.validity_months,
                  TrainingModule.required_roles)
        .where(TrainingModule.active.is_(True)).order_by(TrainingModule.id)
    ).all()
    officer_ids = list(session.scalars(sa.select(User.id).where(User.role.in_([Role.OFFICER, Role.ADMIN]))))
    if version_id is None or not modules or not officer_ids:
        raise RuntimeError("load the reference data first (standards, training modules, staff accounts)")

    area_rows = _areas(session)
    ids = _Ids({model.__tablename__: (session.scalar(sa.select(sa.func.max(model.id))) or 0) + 1
                for model in _TABLES if "id" in model.__table__.c})
    taken_codes = set(session.scalars(sa.select(Certificate.public_code)))
    codes = _codes(rng, taken_codes)
    counters = {row.year: row.last_value for row in session.execute(
        sa.select(CertificateCounter.year, CertificateCounter.last_value))}
    first_user = ids.next["user"]
    password_hash = hash_password(f"load-data-{rng.random()}")  # nobody signs in as these owners
    rows = _Rows()

    def number(day: date) -> str:
        counters[day.year] = counters.get(day.year, 0) + 1
        return format_number(day.year, counters[day.year])

    briefing = modules[0]
    lead_modules = modules  # the safeguarding lead takes every module
    types = list(TYPE_WEIGHTS)
    type_weights = list(TYPE_WEIGHTS.values())
    stories = list(STORIES)
    story_weights = list(STORIES.values())
    sessions = []
    # What the readiness rule reads, per member premises, gathered as the rows are made.
    facts: dict[int, dict] = {}
    for _ in range(max(1, premises_count // 200)):
        session_id = ids.take("training_session")
        held = today - timedelta(days=rng.randint(1, 400))
        closed = rng.random() < 0.8
        rows.add("training_session", id=session_id, module_id=briefing.id, held_on=held,
                 place=f"{rng.choice(AREAS)} community hall", trainer="Community safety team",
                 closed_at=_at(held, 16) if closed else None, created_at=_at(held - timedelta(days=14)))
        sessions.append((session_id, held, closed))

    for n in range(premises_count):
        premises_id = ids.take("premises")
        premises_type = rng.choices(types, type_weights)[0]
        story = rng.choices(stories, story_weights)[0]
        area = rng.choice(AREAS)
        name = f"{rng.choice(NAMES)} {rng.choice(KINDS[premises_type])}"
        joined = today - timedelta(days=rng.randint(30, 900))
        member = story not in ("draft", "submitted", "changes_requested", "changes_overdue", "rejected")
        status = {
            "draft": ApplicationStatus.DRAFT, "submitted": ApplicationStatus.SUBMITTED,
            "changes_requested": ApplicationStatus.CHANGES_REQUESTED,
            "changes_overdue": ApplicationStatus.CHANGES_REQUESTED, "rejected": ApplicationStatus.REJECTED,
        }.get(story, ApplicationStatus.MEMBER)
        next_visit = today + timedelta(days=rng.randint(-60, 365)) if member else None
        if member:
            facts[premises_id] = {"staff": [], "staff_rows": [], "records": [], "actions": [], "failed": None}
        changes_due = None
        if story == "changes_requested":
            changes_due = today + timedelta(days=rng.randint(1, 28))
        elif story == "changes_overdue":
            changes_due = today - timedelta(days=rng.randint(1, 60))
        rows.add(
            "premises", id=premises_id, name=f"{name} {n + 1}", trading_name=name if rng.random() < 0.3 else "",
            premises_type=premises_type.value, address_line_1=f"{rng.randint(1, 300)} {rng.choice(NAMES)} Road",
            address_line_2="", town=TOWN_OF_AREA[area],
            postcode=f"{area_rows[area][1][rng.randint(1, 99) % 2]} {rng.randint(1, 9)}"
                     f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            area_id=area_rows[area][0], phone=f"01376 {rng.randint(100000, 999999)}", email=f"premises{premises_id}@example.com",
            staff_count=STAFF_PER_PREMISES, opening_hours="Every day, 9am to 11pm",
            open_at_night=premises_type in (PremisesType.HOTEL, PremisesType.TAXI, PremisesType.PUB),
            home_based=premises_type == PremisesType.TAXI and rng.random() < 0.3,
            lead_phone="07700 900000", lead_email=f"lead{premises_id}@example.com",
            status=status.value, submitted_at=_at(joined) if status != ApplicationStatus.DRAFT else None,
            decided_at=_at(joined + timedelta(days=10)) if member or story == "rejected" else None,
            officer_message="Please add your safeguarding lead's training." if changes_due else "",
            changes_due_on=changes_due, next_visit_due_on=next_visit, created_at=_at(joined - timedelta(days=7)),
            ready_until=None, suspended_from=None, trained_until=None,  # worked out below, for members
            staff_active_count=None, staff_trained_count=None, staff_figures_on=None, staff_figures_until=None,
            public_id=new_public_id(), updated_at=_at(joined + timedelta(days=10)),
        )
        user_id = ids.take("user")
        rows.add("user", id=user_id, email=f"owner{user_id}@load.example.com", name=f"Owner of {name}",
                 password_hash=password_hash, role=Role.BUSINESS.value, active=True,
                 email_confirmed_at=_at(joined - timedelta(days=7)), session_version=1,
                 created_at=_at(joined - timedelta(days=7)))
        rows.add("premises_member", premises_id=premises_id, user_id=user_id, created_at=_at(joined))
        if status != ApplicationStatus.DRAFT:
            rows.add("pledge", id=ids.take("pledge"), premises_id=premises_id, standards_version_id=version_id,
                     user_id=user_id, pledged_at=_at(joined))

        lapsed = story == "accredited_training_lapsed"
        roles = ROLES_OF_TYPE[premises_type]
        for s in range(STAFF_PER_PREMISES):
            staff_id = ids.take("staff_member")
            lead = s == 0
            role = JobRole.MANAGER if lead else rng.choice(roles)
            started = joined - timedelta(days=rng.randint(0, 2000)) if s < 8 else today - timedelta(days=rng.randint(1, 200))
            left = today - timedelta(days=rng.randint(1, 100)) if s == 9 and rng.random() < 0.3 else None
            staff_name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            rows.add("staff_member", id=staff_id, premises_id=premises_id, name=staff_name, job_role=role.value,
                     is_safeguarding_lead=lead, started_on=started, left_on=left, training_held=False,
                     training_held_until=None, created_at=_at(joined))
            if member:
                facts[premises_id]["staff"].append(StaffFacts(staff_id, staff_name, role.value, lead, started, left))
                facts[premises_id]["staff_rows"].append(rows.tables["staff_member"][-1])
            if not member and story != "submitted":
                continue
            # Each person takes what their role requires (the lead: every module).
            taken = lead_modules if lead else [m for m in modules if role.value in (m.required_roles or ())] or [briefing]
            for module in taken:
                # Most training is in date; the lapsed premises' (and a few others') is not.
                if (lapsed and s in (1, 2)) or rng.random() < 0.01:
                    completed = today - timedelta(days=module.validity_months * 31 + rng.randint(1, 200))
                else:
                    completed = today - timedelta(days=rng.randint(1, max(2, module.validity_months * 30 - 40)))
                evidence, session_id, approved_by = TrainingEvidence.ONLINE_CERTIFICATE, None, None
                if module.id == briefing.id and sessions and rng.random() < 0.2:
                    session_id, held, closed = rng.choice(sessions)
                    if closed:
                        completed, evidence = held, TrainingEvidence.SCHEME_SESSION
                        rows.add("session_attendee", session_id=session_id, staff_member_id=staff_id)
                    else:
                        session_id = None
                elif module.id != briefing.id and rng.random() < 0.05:
                    evidence = TrainingEvidence.EQUIVALENT_APPROVED
                    approved_by = rng.choice(officer_ids) if rng.random() < 0.7 else None  # else waiting
                expires = dates.training_expiry(completed, module.validity_months)
                rows.add("training_record", id=ids.take("training_record"), staff_member_id=staff_id,
                         module_id=module.id, completed_on=completed, expires_on=expires,
                         evidence=evidence.value, session_id=session_id, approved_by_id=approved_by,
                         certificate_file_id=None, created_at=_at(completed))
                if member:
                    pending = awaiting_approval(evidence, from_register=session_id is not None, needs_approval=False,
                                                approved=approved_by is not None)
                    facts[premises_id]["records"].append(RecordFacts(staff_id, module.id, completed, expires, pending))

        if status == ApplicationStatus.DRAFT:
            continue
        rows.add("assessment", id=ids.take("assessment"), premises_id=premises_id, kind=AssessmentKind.SELF.value,
                 standards_version_id=version_id, officer_id=None, visit_date=None,
                 completed_at=_at(joined), outcome=None, next_visit_on=None, scenario="", summary="",
                 created_at=_at(joined))
        if not member:
            continue
        visited = joined + timedelta(days=rng.randint(10, 25))
        outcome = rng.choices([Outcome.PASS, Outcome.PASS_WITH_ACTIONS, Outcome.FAIL], [70, 25, 5])[0]
        audit_id = ids.take("assessment")
        rows.add("assessment", id=audit_id, premises_id=premises_id, kind=AssessmentKind.AUDIT.value,
                 standards_version_id=version_id, officer_id=rng.choice(officer_ids), visit_date=visited,
                 completed_at=_at(visited, 15), outcome=outcome.value, next_visit_on=next_visit,
                 scenario="", summary="Visit completed.", created_at=_at(visited))
        if outcome != Outcome.PASS:
            for _ in range(rng.randint(1, 2)):
                due = today + timedelta(days=rng.randint(-90, 60))
                action_status = rng.choices([ActionStatus.OPEN, ActionStatus.DONE, ActionStatus.CLOSED], [50, 20, 30])[0]
                rows.add("action", id=ids.take("action"), premises_id=premises_id, assessment_id=audit_id,
                         standard_id=None, description="Display the staff poster behind the counter.", due_on=due,
                         status=action_status.value, business_note="", officer_note="",
                         done_at=_at(due) if action_status != ActionStatus.OPEN else None,
                         closed_at=_at(due) if action_status == ActionStatus.CLOSED else None,
                         created_at=_at(visited))
                # No standard named: counted as mandatory, as readiness counts such an action.
                facts[premises_id]["actions"].append(ActionFacts(due, action_status == ActionStatus.OPEN, True))
        if rng.random() < 0.05:
            tested = today - timedelta(days=rng.randint(1, 200))
            test_outcome = rng.choice([Outcome.PASS, Outcome.FAIL])
            facts[premises_id]["failed"] = tested if test_outcome == Outcome.FAIL else None
            rows.add("assessment", id=ids.take("assessment"), premises_id=premises_id,
                     kind=AssessmentKind.TEST_VISIT.value, standards_version_id=version_id,
                     officer_id=rng.choice(officer_ids), visit_date=tested, completed_at=_at(tested, 22),
                     outcome=test_outcome.value, next_visit_on=None,
                     scenario="An adult asks for a room for the night with a 15-year-old.", summary="",
                     created_at=_at(tested))
        if next_visit < today and rng.random() < 0.2:  # an officer has started the visit that is due
            rows.add("assessment", id=ids.take("assessment"), premises_id=premises_id,
                     kind=AssessmentKind.AUDIT.value, standards_version_id=version_id,
                     officer_id=rng.choice(officer_ids), visit_date=today, completed_at=None, outcome=None,
                     next_visit_on=None, scenario="", summary="", created_at=_at(today, 9))
        if story == "member_no_certificate":
            continue

        def certificate(issued: date, status: CertificateStatus, expires: date | None = None) -> int:
            certificate_id = ids.take("certificate")
            rows.add("certificate", id=certificate_id, premises_id=premises_id, number=number(issued),
                     public_code=next(codes), issued_on=issued,
                     expires_on=expires or dates.certificate_expiry(issued, 12), status=status.value,
                     status_changed_at=_at(issued), status_reason="", superseded_by_id=None,
                     issued_by_id=rng.choice(officer_ids), sticker_reprints=0, qr_svg="",
                     created_at=_at(issued), updated_at=_at(issued))
            for days_ago in rng.sample(range(30), 3):
                rows.add("scan_count", certificate_id=certificate_id, serial="", day=today - timedelta(days=days_ago),
                         count=rng.randint(1, 20))
            return certificate_id

        if story == "expired":
            certificate(today - timedelta(days=rng.randint(380, 700)), CertificateStatus.ACTIVE)
        elif story == "expiring":
            certificate(today - timedelta(days=rng.randint(340, 360)), CertificateStatus.ACTIVE)
        elif story == "renewed":
            old = certificate(today - timedelta(days=rng.randint(370, 400)), CertificateStatus.SUPERSEDED)
            new = certificate(today - timedelta(days=rng.randint(1, 20)), CertificateStatus.ACTIVE)
            written = rows.tables["certificate"]
            assert written[-2]["id"] == old
            written[-2]["superseded_by_id"] = new
            # The replacement is written first, so the old row's reference to it holds.
            written[-2], written[-1] = written[-1], written[-2]
        else:
            status = {"suspended": CertificateStatus.SUSPENDED, "revoked": CertificateStatus.REVOKED}.get(
                story, CertificateStatus.ACTIVE)
            certificate(today - timedelta(days=rng.randint(1, 300)), status)

    _readiness(rows, facts, modules, today, rng)
    for year, last_value in counters.items():
        session.merge(CertificateCounter(year=year, last_value=last_value))
    _write(rows)
    return {table: len(table_rows) for table, table_rows in rows.tables.items()}


def _readiness(rows: _Rows, facts: dict[int, dict], modules, today: date, rng: random.Random) -> None:
    """Readiness as the service keeps it, worked out by the rule itself from the rows made, for
    every member premises at once (through the services' hooks it would read each premises'
    rows back, one premises at a time); each member of staff's training held likewise. As if the scheme had run for a while: a premises that
    is not ready today has been known to be so for a few days to a month, so some are at risk
    and some are past the grace period, suspended pending checks."""
    scheme_settings = settings.load()
    module_facts = tuple(ModuleFacts(row.id, row.title, frozenset(row.required_roles or ()), True) for row in modules)
    for premises in rows.tables.get("premises", []):
        gathered = facts.get(premises["id"])
        if gathered is None:
            continue
        premises_facts = ReadinessFacts(
            staff=tuple(gathered["staff"]), modules=module_facts, records=tuple(gathered["records"]),
            required_share=scheme_settings.required_trained_share,
            new_starter_grace_weeks=scheme_settings.grace_period_weeks, actions=tuple(gathered["actions"]),
            failed_test_visit_on=gathered["failed"])
        known_since = today - timedelta(days=rng.randint(1, 30))
        stored = next_stored(Stored(known_since), premises_facts, today, scheme_settings.readiness_grace_days)
        premises["ready_until"], premises["suspended_from"] = stored.ready_until, stored.suspended_from
        premises["trained_until"] = next_trained_until(known_since, premises_facts, today)
        people = []
        for person, row in zip(premises_facts.staff, gathered["staff_rows"], strict=True):
            row["training_held"], row["training_held_until"] = held_until(
                person, module_facts, premises_facts.records, today)
            people.append((person, row["training_held"], row["training_held_until"]))
        kept = staff_figures(people, today)
        premises["staff_active_count"], premises["staff_trained_count"] = kept.active, kept.trained
        premises["staff_figures_on"], premises["staff_figures_until"] = kept.on, kept.until


# Parents before children, so foreign keys are satisfied as each table is written.
_ORDER = ["user", "premises", "premises_member", "pledge", "staff_member", "training_session",
          "training_record", "session_attendee", "assessment", "action", "certificate", "scan_count"]


def _write(rows: _Rows) -> None:
    # Straight to the driver, in the session's transaction: SQLAlchemy's per-row work for an
    # executemany costs more than the database's. PostgreSQL takes the rows by COPY.
    connection = db.session.connection()
    cursor = connection.connection.driver_connection.cursor()
    postgres = connection.dialect.name == "postgresql"
    if postgres:
        # A page's statement timeout (seconds) is no limit for copying half a million rows.
        cursor.execute("SET LOCAL statement_timeout = 0")
    for name in _ORDER:
        table_rows = rows.tables.get(name)
        if not table_rows:
            continue
        columns = list(table_rows[0])
        column_list = ", ".join(f'"{column}"' for column in columns)
        if postgres:
            with cursor.copy(f'COPY "{name}" ({column_list}) FROM STDIN') as copy:
                for row in table_rows:
                    copy.write_row([row[column] for column in columns])
        else:
            marks = ", ".join("?" for _ in columns)
            cursor.executemany(f'INSERT INTO "{name}" ({column_list}) VALUES ({marks})',
                               _sqlite_rows(db.metadata.tables[name], columns, table_rows))
    cursor.close()


def _sqlite_rows(table: sa.Table, columns: list[str], table_rows: list[dict]) -> Iterator[list]:
    # As SQLAlchemy stores them in SQLite: dates as ISO text, times as text without their
    # zone (UTC). A few thousand distinct days between them, so each is formatted once.
    timed = [isinstance(table.c[column].type, (sa.Date, sa.DateTime)) for column in columns]
    as_text: dict = {None: None}

    def text(value) -> str | None:
        stored = as_text.get(value)
        if stored is None and value is not None:
            if isinstance(value, datetime):
                stored = value.replace(tzinfo=None).isoformat(" ", "microseconds")
            else:
                stored = value.isoformat()
            as_text[value] = stored
        return stored

    pairs = list(zip(columns, timed, strict=True))
    for row in table_rows:
        yield [text(row[column]) if is_timed else row[column] for column, is_timed in pairs]


def _advance_sequences() -> None:
    # PostgreSQL hands out ids from a sequence per table, which rows written with their own
    # ids do not move on: move each past the largest id now taken.
    if db.session.get_bind().dialect.name != "postgresql":
        return
    for model in _TABLES:
        if "id" in model.__table__.c:
            name = model.__tablename__
            db.session.execute(sa.text(
                f"SELECT setval(pg_get_serial_sequence('\"{name}\"', 'id'), "
                f"(SELECT COALESCE(MAX(id), 1) FROM \"{name}\"))"
            ))


def _analyze() -> None:
    # Fresh statistics for the query planner after a bulk load (PostgreSQL would gather them
    # in time by itself; SQLite only when asked), so the first pages are planned as later ones.
    if db.session.get_bind().dialect.name == "postgresql":
        db.session.execute(sa.text("SET LOCAL statement_timeout = 0"))
    db.session.execute(sa.text("ANALYZE"))


@service
def generate_load_data(premises_count: int, today: date, seed: int = 2026) -> dict[str, int]:
    added = generate(premises_count, today, seed)
    _advance_sequences()
    _analyze()
    return added
