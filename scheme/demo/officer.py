"""Officer work in the demo: audit visits answered standard by standard, covert test visits,
and the actions they set, put right by the business and closed by an officer."""

from datetime import date

from scheme.demo.context import DemoContext
from scheme.domain import settings
from scheme.domain.visits import actions, audits, covert
from scheme.enums import ActionStatus, Answer
from scheme.extensions import db
from scheme.models import Premises

TEST_SCENARIO = "A man books a cab late at night for himself and a girl of about 14 to a hotel"
# Each behaviour with the standard it tests (by code, in the demo's standards).
TEST_BEHAVIOURS = [("Asked where the young person was going", "S2"),
                   ("Noticed the adult paid in cash for a child", "S2"),
                   ("Reported it to the police on 101", "S3")]


def audit(demo: DemoContext, premises_id: int, day: date, *, not_met: tuple[str, ...],
          finish: bool = True) -> None:
    """An audit on that day; unfinished, only the first half of the checklist is answered.
    Answers carried over from the last visit that still hold are confirmed as seen, a section
    at a time, as an officer on site may; the rest are saved one by one."""
    visit = audits.start_visit(demo.officer, premises_id, day)
    rows = audits.checklist(visit)
    still_holds = set()
    for row in rows if finish else rows[:len(rows) // 2]:
        missed = row.standard.code in not_met
        answer = Answer.NOT_MET if missed else Answer.MET
        if finish and row.carried_over_answer == answer == Answer.MET:
            still_holds.add(audits.section_of(row.standard.mandatory))
            continue
        audits.save_answer(demo.officer, visit.id, row.standard_id, answer=answer,
                           note=f"Not in place on the day: {row.standard.title.lower()}" if missed else "",
                           based_on_revision=row.revision)
    for section in sorted(still_holds):
        audits.confirm_section(demo.officer, visit.id, section)
    if finish:
        audits.finish_visit(demo.officer, visit.id, settings.load())


def test_visit(demo: DemoContext, premises_id: int, day: date, *, done: tuple[bool, ...]) -> None:
    premises = db.session.get(Premises, premises_id)
    by_code = {standard.code: standard.id for standard in covert.testable_standards(premises)}
    behaviours = [covert.ExpectedBehaviour(text, by_code.get(code)) for text, code in TEST_BEHAVIOURS[:len(done)]]
    visit = covert.record_test_visit(demo.second_officer, premises_id, scenario=TEST_SCENARIO, visit_date=day,
                                     behaviours=behaviours)
    results = {check.id: did for check, did in zip(sorted(visit.checks, key=lambda c: c.position), done)}
    covert.record_results(demo.second_officer, visit.id, results,
                          "Staff took the booking without a question." if not all(done) else "Staff challenged.")


def mark_actions_done(owner, premises_id: int) -> None:
    for action in actions.actions_for_premises(premises_id):
        if action.status == ActionStatus.OPEN:
            actions.mark_done(owner, action.id, "Done: staff briefed again and the manager has checked.", None)


def close_actions(demo: DemoContext, premises_id: int) -> None:
    for action in actions.actions_for_premises(premises_id):
        if action.status == ActionStatus.DONE:
            actions.verify(demo.officer, action.id, close=True, note="Seen on a follow-up visit: in place.")
