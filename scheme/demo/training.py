"""Staff, scheme sessions and training records for the member premises: about a third fully
trained, a third with training that lapses within weeks, and a third already lapsed.
Premises that applied but are not yet members get a few staff and no training yet."""

from datetime import date, datetime, time, timedelta, timezone

from scheme.demo.premises import FIRST_NAMES, SURNAMES
from scheme.domain.training.common import expiry_for
from scheme.enums import ApplicationStatus, JobRole, PremisesType, TrainingEvidence
from scheme.extensions import db
from scheme.models import (
    Premises,
    SessionAttendee,
    StaffMember,
    TrainingModule,
    TrainingRecord,
    TrainingSession,
    User,
)

BRIEFING = "Spot It Stop It briefing"
ONLINE = "CSE awareness online course"
TOOLBOX = "SET CSE Toolbox training"
ROLES_BY_TYPE = {
    PremisesType.HOTEL: [JobRole.RECEPTION, JobRole.NIGHT_MANAGER, JobRole.RECEPTION, JobRole.KITCHEN],
    PremisesType.TAKEAWAY: [JobRole.KITCHEN, JobRole.DRIVER, JobRole.OTHER],
    PremisesType.TAXI: [JobRole.DRIVER, JobRole.DRIVER, JobRole.RECEPTION, JobRole.DRIVER],
    PremisesType.PUB: [JobRole.BAR_STAFF, JobRole.BAR_STAFF, JobRole.NIGHT_MANAGER, JobRole.KITCHEN],
    PremisesType.SHOP: [JobRole.OTHER, JobRole.NIGHT_MANAGER],
    PremisesType.TRANSPORT: [JobRole.RECEPTION, JobRole.OTHER, JobRole.NIGHT_MANAGER],
    PremisesType.OTHER: [JobRole.RECEPTION, JobRole.OTHER, JobRole.BAR_STAFF],
}
FIRST_SESSION_PLACE = "Braintree Town Hall"


def _at(day: date) -> datetime:
    return datetime.combine(day, time(17, 0), tzinfo=timezone.utc)


def load(today: date) -> list[str]:
    modules = {module.title: module for module in db.session.scalars(db.select(TrainingModule))}
    if not {BRIEFING, ONLINE, TOOLBOX} <= modules.keys():
        return []
    if db.session.scalar(db.select(TrainingSession).where(TrainingSession.place == FIRST_SESSION_PLACE)):
        return []  # loaded before
    officer = db.session.scalar(db.select(User).where(User.email == "officer@example.com"))
    premises_list = list(db.session.scalars(
        db.select(Premises).where(Premises.status != ApplicationStatus.DRAFT).order_by(Premises.name)
    ))

    # The scheme's first briefing, as the bulletin tells it: staff from many premises at once.
    first = TrainingSession(module_id=modules[BRIEFING].id, held_on=today - timedelta(days=200),
                            place=FIRST_SESSION_PLACE, trainer="Essex Police and the community safety team",
                            closed_at=_at(today - timedelta(days=200)))
    later = TrainingSession(module_id=modules[BRIEFING].id, held_on=today - timedelta(days=40),
                            place="Galleys Corner Travel Lodge", trainer="Community safety team",
                            closed_at=_at(today - timedelta(days=40)))
    upcoming = TrainingSession(module_id=modules[BRIEFING].id, held_on=today + timedelta(days=9),
                               place="Braintree Library", trainer="Community safety team")
    db.session.add_all([first, later, upcoming])
    db.session.flush()

    counts = {"compliant": 0, "lapsing": 0, "lapsed": 0}
    member_index = 0
    name_index = 0
    for premises in premises_list:
        lead = next((person for person in premises.staff if person.is_safeguarding_lead), None)
        team = [lead] if lead else []
        for role in ROLES_BY_TYPE[premises.premises_type]:
            name_index += 1
            started = today - timedelta(days=300 + (name_index * 37) % 700)
            person = StaffMember(name=f"{FIRST_NAMES[name_index % 24]} {SURNAMES[(name_index * 5) % 12]}",
                                 job_role=role, started_on=started)
            premises.staff.append(person)
            team.append(person)
        if premises.status != ApplicationStatus.MEMBER:
            continue
        db.session.flush()

        kind = ("compliant", "lapsing", "lapsed")[member_index % 3]
        member_index += 1
        counts[kind] += 1
        session = first if member_index % 2 else later
        for person in team:
            db.session.add(SessionAttendee(session_id=session.id, staff_member_id=person.id))
            _record(person, modules[BRIEFING], session.held_on, TrainingEvidence.SCHEME_SESSION, session_id=session.id)
            needs_online = person.is_safeguarding_lead or person.job_role.value in modules[ONLINE].required_roles
            if needs_online:
                # Lapsing: the online course runs out in about three weeks; lapsed: it ran out last month.
                completed = {
                    "compliant": today - timedelta(days=90),
                    "lapsing": today - timedelta(days=365 - 20),
                    "lapsed": today - timedelta(days=365 + 30),
                }[kind]
                _record(person, modules[ONLINE], completed, TrainingEvidence.ONLINE_CERTIFICATE)
        if lead is not None:
            _record(lead, modules[TOOLBOX], today - timedelta(days=300), TrainingEvidence.EQUIVALENT_APPROVED,
                    approved_by_id=officer.id if officer else None)
        # A new starter in their grace period, not yet trained: shown, but not counted against.
        name_index += 1
        premises.staff.append(StaffMember(name=f"{FIRST_NAMES[name_index % 24]} {SURNAMES[(name_index * 7) % 12]}",
                                          job_role=ROLES_BY_TYPE[premises.premises_type][0],
                                          started_on=today - timedelta(days=10)))
        if member_index == 2:
            # One equivalent course waiting for an officer's approval.
            _record(team[1], modules[TOOLBOX], today - timedelta(days=14), TrainingEvidence.EQUIVALENT_APPROVED)
        if member_index <= 3:
            upcoming_person = team[-1]
            db.session.add(SessionAttendee(session_id=upcoming.id, staff_member_id=upcoming_person.id))
    db.session.flush()
    return [
        f"Training: {counts['compliant']} member premises fully trained, {counts['lapsing']} with training "
        f"lapsing within weeks, {counts['lapsed']} lapsed; 3 scheme sessions (one still to come)."
    ]


def _record(person: StaffMember, module: TrainingModule, completed_on: date, evidence: TrainingEvidence,
            **fields) -> None:
    person.records.append(TrainingRecord(module_id=module.id, completed_on=completed_on,
                                         expires_on=expiry_for(module, completed_on), evidence=evidence, **fields))
