"""Officer work in the demo: finished and in-progress audit visits, a failed test visit, and
open, done and overdue actions, so every work queue has something in it."""

from datetime import date, datetime, time, timedelta, timezone

from scheme.domain.dates import add_months
from scheme.domain.standards import current_standards_version
from scheme.domain.visits.audits import action_due_on
from scheme.enums import ActionStatus, Answer, AssessmentKind, Outcome
from scheme.extensions import db
from scheme.models import (
    Action,
    Assessment,
    AssessmentAnswer,
    Premises,
    TestVisitCheck,
    User,
)

# premises name, days since the visit, outcome, codes not met (by position), finished?
VISITS = [
    ("Galleys Corner Travel Lodge", 380, Outcome.PASS, [], True),  # next visit now overdue
    ("The Horn Hotel", 200, Outcome.PASS_WITH_ACTIONS, [-1], True),
    ("Freeport Inn", 100, Outcome.FAIL, [0], True),  # overdue action, visit due again soon
    ("Golden Dragon Takeaway", 340, Outcome.PASS, [], True),  # visit due within 30 days
    ("A120 Cars", 10, Outcome.PASS_WITH_ACTIONS, [-1], True),  # action open, not yet due
    ("The Swan", 0, None, [], False),  # in progress today
]
TEST_VISIT_PREMISES = "Braintree Station Taxis"
TEST_BEHAVIOURS = [("Asked where the young person was going", True), ("Noticed the adult paid in cash for a child", False),
                   ("Reported it to the police on 101", False)]


def _at(day: date) -> datetime:
    return datetime.combine(day, time(11, 0), tzinfo=timezone.utc)


def load(today: date) -> list[str]:
    version = current_standards_version()
    officer = db.session.scalar(db.select(User).where(User.email == "officer@example.com"))
    if version is None or officer is None:
        return []
    by_name = {p.name: p for p in db.session.scalars(db.select(Premises))}
    visited = set(db.session.scalars(db.select(Assessment.premises_id).where(Assessment.kind != AssessmentKind.SELF)))
    for name, days_ago, outcome, not_met_positions, finished in VISITS:
        premises = by_name.get(name)
        if premises is None or premises.id in visited:
            continue
        visit_date = today - timedelta(days=days_ago)
        standards = [s for s in version.standards if s.applies_to(premises.premises_type.value)]
        not_met = {standards[i].id for i in not_met_positions} if standards else set()
        visit = Assessment(premises_id=premises.id, kind=AssessmentKind.AUDIT, officer_id=officer.id,
                           standards_version_id=version.id, visit_date=visit_date)
        for index, standard in enumerate(standards):
            if not finished and index >= len(standards) // 2:
                visit.answers.append(AssessmentAnswer(standard_id=standard.id, answer=None))
                continue
            answer = Answer.NOT_MET if standard.id in not_met else Answer.MET
            note = f"Not in place on the day: {standard.title.lower()}" if answer == Answer.NOT_MET else ""
            visit.answers.append(AssessmentAnswer(standard_id=standard.id, answer=answer, note=note,
                                                  updated_by_id=officer.id, updated_at=_at(visit_date)))
        db.session.add(visit)
        db.session.flush()
        if finished:
            visit.outcome, visit.completed_at = outcome, _at(visit_date)
            months = 3 if outcome == Outcome.FAIL else 12
            visit.next_visit_on = premises.next_visit_due_on = add_months(visit_date, months)
            for standard in standards:
                if standard.id in not_met:
                    db.session.add(Action(premises_id=premises.id, assessment_id=visit.id, standard_id=standard.id,
                                          description=f"{standard.code}: {standard.title}",
                                          due_on=action_due_on(visit_date, standard.mandatory)))
    if TEST_VISIT_PREMISES in by_name and by_name[TEST_VISIT_PREMISES].id not in visited:
        premises = by_name[TEST_VISIT_PREMISES]
        visit_date = today - timedelta(days=12)
        test = Assessment(premises_id=premises.id, kind=AssessmentKind.TEST_VISIT, officer_id=officer.id,
                          visit_date=visit_date, completed_at=_at(visit_date), outcome=Outcome.FAIL,
                          scenario="A man books a cab late at night for himself and a girl of about 14 to a hotel")
        for position, (behaviour, done) in enumerate(TEST_BEHAVIOURS):
            test.checks.append(TestVisitCheck(position=position, behaviour=behaviour, done=done))
        db.session.add(test)
        db.session.flush()
        db.session.add(Action(premises_id=premises.id, assessment_id=test.id,
                              description="Retrain the controllers and drivers on spotting and reporting",
                              due_on=visit_date + timedelta(days=28), status=ActionStatus.DONE,
                              business_note="All drivers booked on the next scheme session", done_at=_at(today)))
    db.session.flush()
    return ["Officer work: finished and in-progress visits, a failed test visit, open and overdue actions."]
