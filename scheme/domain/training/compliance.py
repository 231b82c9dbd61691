"""Compliance read from the database: for one premises (or a few) a few set-based queries,
then the rule in Python with every detail; for the whole scheme (the officers' "training
lapsed" queue and the staff-trained figure) the rule's SQL twin, one grouped query.
"""

from dataclasses import dataclass
from datetime import date, timedelta

import sqlalchemy as sa

from scheme.domain import areas, settings
from scheme.domain.training.rule import (
    Compliance,
    ModuleFacts,
    RecordFacts,
    StaffFacts,
    awaiting_approval,
    evaluate,
)
from scheme.domain.training.records import awaiting_approval_clause
from scheme.domain.training.staff import active_clause
from scheme.enums import ApplicationStatus
from scheme.extensions import db
from scheme.models import Premises, StaffMember, TrainingModule, TrainingRecord


MEMBER_PREMISES = db.select(Premises.id).where(Premises.status == ApplicationStatus.MEMBER)


def compliance_for(premises_id: int, on: date) -> Compliance:
    return _evaluate_many([premises_id], [premises_id], on)[premises_id]


def compliance_by_premises(premises_ids: list[int], on: date) -> dict[int, Compliance]:
    return _evaluate_many(premises_ids, premises_ids, on)


@dataclass(frozen=True)
class LapsedPremises:
    """A member premises that is not training-compliant: a row of the "training lapsed" queue."""

    premises_id: int
    name: str
    area: str
    trained_staff: int
    counted_staff: int
    has_lead: bool
    lead_ok: bool


# The rule (training.rule.evaluate) as SQL, for the queue and the figures over every member
# premises: one grouped query, where evaluating in Python would read every staff member and
# every record of the scheme. tests/integration/training/test_compliance_agreement.py checks
# that the two agree.

def _trained_clause(on: date) -> sa.ColumnElement[bool]:
    """A StaffMember holds valid training in every active module their role requires."""
    pending = awaiting_approval_clause()
    lead = StaffMember.is_safeguarding_lead.is_(True)
    holds_each = []
    for module_id, required_roles in db.session.execute(
        db.select(TrainingModule.id, TrainingModule.required_roles).where(TrainingModule.active.is_(True))
    ):
        required = sa.or_(lead, StaffMember.job_role.in_(list(required_roles))) if required_roles else lead
        holds = sa.exists().where(
            TrainingRecord.staff_member_id == StaffMember.id, TrainingRecord.module_id == module_id,
            TrainingRecord.completed_on <= on,
            sa.or_(TrainingRecord.expires_on.is_(None), TrainingRecord.expires_on >= on), sa.not_(pending),
        )
        holds_each.append(sa.or_(sa.not_(required), holds))
    return sa.and_(sa.true(), *holds_each)


def _staff_totals(on: date, grace_weeks: int) -> sa.Subquery:
    in_grace = sa.and_(StaffMember.started_on.is_not(None),
                       StaffMember.started_on > on - timedelta(weeks=grace_weeks)) if grace_weeks > 0 else sa.false()
    # Each person's standing worked out once (the training lookups are most of the cost), in a
    # materialised step that the planner may not fold back into the sums below.
    people = (
        db.select(StaffMember.premises_id.label("premises_id"),
                  sa.case((_trained_clause(on), 1), else_=0).label("trained"),
                  sa.case((in_grace, 1), else_=0).label("in_grace"),
                  sa.case((StaffMember.is_safeguarding_lead.is_(True), 1), else_=0).label("lead"))
        .where(active_clause(on), StaffMember.premises_id.in_(MEMBER_PREMISES))
        .cte("active_people").prefix_with("MATERIALIZED")
    )
    one = sa.literal(1)

    def how_many(condition) -> sa.ColumnElement[int]:
        return sa.func.sum(sa.case((condition, one), else_=0))

    trained = people.c.trained == 1
    return (
        db.select(people.c.premises_id.label("premises_id"),
                  sa.func.count().label("active_staff"),
                  how_many(trained).label("active_trained"),
                  # New starters in their grace period count only once trained.
                  how_many(sa.or_(trained, people.c.in_grace == 0)).label("counted_staff"),
                  how_many(people.c.lead == 1).label("leads"),
                  how_many(sa.and_(people.c.lead == 1, sa.not_(trained))).label("untrained_leads"))
        .group_by(people.c.premises_id)
        .subquery("staff_totals")
    )


def lapsed_query(on: date, area: str = "") -> sa.Select:
    """Member premises that are not training-compliant on the date, by name, as LapsedPremises
    columns (see lapsed_row)."""
    scheme_settings = settings.load()
    totals = _staff_totals(on, scheme_settings.grace_period_weeks)
    trained = sa.func.coalesce(totals.c.active_trained, 0)
    counted = sa.func.coalesce(totals.c.counted_staff, 0)
    has_lead = sa.func.coalesce(totals.c.leads, 0) > 0
    lead_ok = sa.and_(has_lead, sa.func.coalesce(totals.c.untrained_leads, 0) == 0)
    name = sa.func.coalesce(sa.func.nullif(Premises.trading_name, ""), Premises.name)
    query = (
        db.select(Premises.id, name.label("name"), Premises.area, trained.label("trained"),
                  counted.label("counted"), has_lead.label("has_lead"), lead_ok.label("lead_ok"))
        .outerjoin(totals, totals.c.premises_id == Premises.id)
        .where(Premises.status == ApplicationStatus.MEMBER,
               sa.or_(sa.not_(lead_ok), trained * 100 < scheme_settings.required_trained_share * counted))
        .order_by(sa.func.lower(name), Premises.id)
    )
    return query.where(areas.named(Premises.area_id, area)) if area else query


def lapsed_row(row) -> LapsedPremises:
    return LapsedPremises(row.id, row.name, row.area, int(row.trained), int(row.counted), bool(row.has_lead),
                          bool(row.lead_ok))


def non_compliant_premises(on: date) -> list[LapsedPremises]:
    """Every member premises that is not training-compliant on the date, by name."""
    return [lapsed_row(row) for row in db.session.execute(lapsed_query(on))]


def staff_figures_by_premises(on: date) -> dict[int, tuple[int, int]]:
    """(active staff holding all their required valid training, active staff) of each member
    premises with anyone on its staff on the date: one grouped query, for the figures."""
    totals = _staff_totals(on, settings.load().grace_period_weeks)
    return {row.premises_id: (int(row.active_trained), int(row.active_staff))
            for row in db.session.execute(db.select(totals.c.premises_id, totals.c.active_trained,
                                                    totals.c.active_staff))}


def trained_staff_figures(on: date) -> tuple[int, int]:
    """(active staff holding all their required valid training, active staff) over member premises."""
    totals = _staff_totals(on, settings.load().grace_period_weeks)
    trained, active = db.session.execute(
        db.select(sa.func.coalesce(sa.func.sum(totals.c.active_trained), 0),
                  sa.func.coalesce(sa.func.sum(totals.c.active_staff), 0))
    ).one()
    return int(trained), int(active)


def _kept_held(on: date) -> sa.ColumnElement[int]:
    held = sa.and_(StaffMember.training_held.is_(True),
                   sa.or_(StaffMember.training_held_until.is_(None), StaffMember.training_held_until >= on))
    return sa.case((held, 1), else_=0)


def kept_trained_staff_figures(on: date) -> tuple[int, int]:
    """trained_staff_figures from what readiness keeps: each member premises' own kept figures
    where they hold on the day (one row per premises, not one per member of staff), its staff
    rows where they do not."""
    return kept_staff_figures_grouped(on).get((), (0, 0))


def kept_staff_figures_by_premises(on: date) -> dict[int, tuple[int, int]]:
    """staff_figures_by_premises from what readiness keeps on each member of staff, for today
    (a day no write has yet reached: the past needs the rule's SQL twin)."""
    return {row.premises_id: (int(row.trained), int(row.active)) for row in db.session.execute(
        db.select(StaffMember.premises_id, sa.func.sum(_kept_held(on)).label("trained"),
                  sa.func.count().label("active"))
        .where(active_clause(on), StaffMember.premises_id.in_(MEMBER_PREMISES))
        .group_by(StaffMember.premises_id)
    )}


def kept_staff_figures_grouped(on: date, *keys: sa.ColumnElement) -> dict[tuple, tuple[int, int]]:
    """kept_staff_figures_by_premises summed by columns of the premises (its area and type,
    for the figures), in the database: a few rows instead of one per premises. Each premises'
    own kept figures (readiness_rule.StaffFigures) where they hold on the day, its staff rows
    where they do not (none kept yet, or a day beyond them)."""
    member = Premises.status == ApplicationStatus.MEMBER
    holds = sa.and_(Premises.staff_figures_on.is_not(None), Premises.staff_figures_on <= on,
                    sa.or_(Premises.staff_figures_until.is_(None), Premises.staff_figures_until > on))
    found: dict[tuple, tuple[int, int]] = {}
    for query in (
        db.select(*keys, sa.func.sum(Premises.staff_trained_count), sa.func.sum(Premises.staff_active_count))
        .where(member, holds).group_by(*keys),
        db.select(*keys, sa.func.sum(_kept_held(on)), sa.func.count())
        .select_from(StaffMember).join(Premises, Premises.id == StaffMember.premises_id)
        .where(active_clause(on), member, sa.not_(holds)).group_by(*keys),
    ):
        for row in db.session.execute(query):
            trained, active = found.get(tuple(row[:-2]), (0, 0))
            found[tuple(row[:-2])] = (trained + int(row[-2] or 0), active + int(row[-1] or 0))
    return {key: counts for key, counts in found.items() if counts[1]}


@dataclass(frozen=True)
class TrainingFacts:
    """What the training rule reads, per premises: the active modules, staff and records."""

    modules: tuple[ModuleFacts, ...]
    staff: dict[int, list[StaffFacts]]
    records: dict[int, list[RecordFacts]]
    required_share: int
    grace_weeks: int


def training_facts(ids: list[int], scope, on: date | None = None) -> TrainingFacts:
    """The rule's inputs for each premises id; scope selects the same premises in SQL (a list
    of ids, or a subquery, so that thousands of premises do not become thousands of
    parameters). With `on`, only what can matter on that day (people on the staff then,
    records completed by then); without it, everything, for the readiness rule, which looks
    at the days ahead too. Which records count (an unapproved equivalent does not) is decided
    here, once, for both."""
    scheme_settings = settings.load()
    modules = tuple(
        ModuleFacts(row.id, row.title, frozenset(row.required_roles or ()), row.active)
        for row in db.session.execute(
            db.select(TrainingModule.id, TrainingModule.title, TrainingModule.required_roles, TrainingModule.active)
            .where(TrainingModule.active.is_(True))
        )
    )
    in_scope = scope
    staff_query = (
        db.select(StaffMember.id, StaffMember.premises_id, StaffMember.name, StaffMember.job_role,
                  StaffMember.is_safeguarding_lead, StaffMember.started_on, StaffMember.left_on)
        .where(StaffMember.premises_id.in_(in_scope))
    )
    record_query = (
        db.select(TrainingRecord.staff_member_id, TrainingRecord.module_id, TrainingRecord.completed_on,
                  TrainingRecord.expires_on, TrainingRecord.evidence, TrainingRecord.approved_by_id,
                  TrainingRecord.session_id, TrainingRecord.needs_approval)
        .join(StaffMember, StaffMember.id == TrainingRecord.staff_member_id)
        .where(StaffMember.premises_id.in_(in_scope))
    )
    if on is not None:
        # Only people on the staff on the date matter (leavers and future starters stay listed).
        on_the_staff = active_clause(on)
        staff_query = staff_query.where(on_the_staff)
        record_query = record_query.where(on_the_staff, TrainingRecord.completed_on <= on)
    staff_rows = db.session.execute(staff_query).all()
    record_rows = db.session.execute(record_query).all()

    staff_by_premises: dict[int, list[StaffFacts]] = {premises_id: [] for premises_id in ids}
    premises_of_staff = {}
    for row in staff_rows:
        premises_of_staff[row.id] = row.premises_id
        staff_by_premises.setdefault(row.premises_id, []).append(
            StaffFacts(row.id, row.name, str(row.job_role), row.is_safeguarding_lead, row.started_on, row.left_on)
        )
    records_by_premises: dict[int, list[RecordFacts]] = {premises_id: [] for premises_id in ids}
    for row in record_rows:
        pending = awaiting_approval(row.evidence, from_register=row.session_id is not None,
                                    needs_approval=row.needs_approval, approved=row.approved_by_id is not None)
        records_by_premises.setdefault(premises_of_staff[row.staff_member_id], []).append(
            RecordFacts(row.staff_member_id, row.module_id, row.completed_on, row.expires_on, pending)
        )
    return TrainingFacts(modules, staff_by_premises, records_by_premises,
                         scheme_settings.required_trained_share, scheme_settings.grace_period_weeks)


def _evaluate_many(ids: list[int], scope, on: date) -> dict[int, Compliance]:
    facts = training_facts(ids, scope, on)
    return {
        premises_id: evaluate(
            facts.staff[premises_id], facts.modules, facts.records.get(premises_id, ()),
            required_share=facts.required_share, grace_weeks=facts.grace_weeks, on=on,
        )
        for premises_id in ids
    }
