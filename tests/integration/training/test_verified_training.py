"""Training counts only once verified: a scheme session only from a register an officer
closed, an equivalent course or (where the module says so) any course a business records
only once an officer approves it. The business's page says which counts, which waits, and why."""

import io
from datetime import date, timedelta
from itertools import product

import pytest

from scheme.domain.errors import DomainError
from scheme.domain.training import compliance_for, records, sessions
from scheme.domain.training.rule import awaiting_approval
from scheme.enums import JobRole, Role, TrainingEvidence
from scheme.extensions import db
from scheme.models import TrainingRecord
from tests import factories
from tests.factories_training import make_record
from tests.integration.training.conftest import png_bytes
from tests.pages import error_messages, get_page, post_page, text_of

TODAY = date.today()


@pytest.fixture
def lead(premises):
    return factories.make_staff(premises, name="Lee Lead", job_role=JobRole.MANAGER, is_safeguarding_lead=True,
                                started_on=TODAY - timedelta(days=400))


def _details(module, evidence, certificate=None):
    return records.RecordDetails(module.id, TODAY - timedelta(days=3), evidence, certificate)


@pytest.mark.parametrize("role", [Role.BUSINESS, Role.OFFICER])
def test_nobody_can_declare_a_scheme_session(premises, business_user, briefing, lead, role):
    actor = business_user if role is Role.BUSINESS else factories.make_user(Role.OFFICER)
    with pytest.raises(DomainError, match="recorded when the officer who ran it closes its register"):
        records.record_training(actor, lead.id, _details(briefing, TrainingEvidence.SCHEME_SESSION), TODAY)
    assert db.session.scalar(db.select(TrainingRecord)) is None


def test_the_business_form_does_not_offer_a_scheme_session(business_client, briefing, lead):
    page = get_page(business_client, f"/business/staff/{lead.id}/training/new")
    assert page.find("input", attrs={"value": "scheme_session"}) is None
    page = post_page(business_client, f"/business/staff/{lead.id}/training/new",
                     {"module_id": str(briefing.id), "evidence": "scheme_session", "completed_on": ["1", "1", "2026"]},
                     content_type="multipart/form-data")
    assert "Not a valid choice" in " ".join(error_messages(page))


def test_a_scheme_session_counts_only_from_a_closed_register(premises, briefing, lead):
    # A record that says "scheme session" with no register behind it (as the business could
    # once declare) does not count, and waits for an officer.
    declared = make_record(lead, briefing, completed_on=TODAY - timedelta(days=5), evidence=TrainingEvidence.SCHEME_SESSION)
    assert not compliance_for(premises.id, TODAY).lead_ok
    assert [r.id for r in records.pending_approvals()] == [declared.id]
    db.session.delete(declared)
    db.session.commit()

    officer = factories.make_user(Role.OFFICER)
    held = TODAY - timedelta(days=2)
    session = sessions.add_session(officer, sessions.SessionDetails(module_id=briefing.id, held_on=held,
                                                                    place="Town Hall", trainer="Community safety"))
    sessions.add_attendees(officer, session.id, [lead.id], [], held)
    assert not compliance_for(premises.id, TODAY).lead_ok  # on the register, not yet closed
    sessions.close_register(officer, session.id, held)
    assert compliance_for(premises.id, TODAY).lead_ok
    assert records.pending_approvals() == []


def test_a_course_a_business_records_waits_for_approval_where_the_module_says_so(
        business_client, officer_client, premises, briefing, lead):
    briefing.business_records_need_approval = True
    db.session.commit()
    page = post_page(business_client, f"/business/staff/{lead.id}/training/new",
                     {"module_id": str(briefing.id), "evidence": "online_certificate",
                      "completed_on": [str(TODAY.day), str(TODAY.month), str(TODAY.year)],
                      "certificate": (io.BytesIO(png_bytes()), "cert.png")},
                     content_type="multipart/form-data")
    assert "it counts once an officer has checked it" in text_of(page)
    assert not compliance_for(premises.id, TODAY).lead_ok
    page = get_page(business_client, f"/business/premises/{premises.id}/training")
    card = next(c for c in page.select(".govuk-summary-card") if "Lee Lead" in text_of(c))
    assert "Waiting for approval It does not count yet: for this module, a course a business records counts once " \
           "an officer has checked it" in text_of(card)

    [record] = db.session.scalars(db.select(TrainingRecord))
    approvals = text_of(get_page(officer_client, f"/officer/training-approvals?premises={premises.id}"))
    assert "Lee Lead" in approvals and "Online course certificate" in approvals
    post_page(officer_client, f"/officer/training-approvals/{record.id}/approve")
    assert compliance_for(premises.id, TODAY).lead_ok
    card = next(c for c in get_page(business_client, f"/business/premises/{premises.id}/training")
                .select(".govuk-summary-card") if "Lee Lead" in text_of(c))
    assert "Counts Checked by an officer." in text_of(card)


def test_without_the_modules_say_so_a_business_course_counts_at_once(premises, business_user, briefing, lead):
    records.record_training(business_user, lead.id, _details(briefing, TrainingEvidence.ONLINE_CERTIFICATE,
                                                             records.Upload("c.png", png_bytes())), TODAY)
    assert compliance_for(premises.id, TODAY).lead_ok


def test_an_officer_recording_a_course_has_checked_it(premises, briefing, lead):
    briefing.business_records_need_approval = True
    db.session.commit()
    officer = factories.make_user(Role.OFFICER)
    records.record_training(officer, lead.id, _details(briefing, TrainingEvidence.EQUIVALENT_APPROVED), TODAY)
    assert compliance_for(premises.id, TODAY).lead_ok and records.pending_approvals() == []


def test_the_approvals_of_one_premises_leave_out_the_others(premises, business_user, briefing, lead):
    other = factories.make_premises(owner=business_user)
    someone = factories.make_staff(other, name="Other Person", job_role=JobRole.RECEPTION)
    mine = make_record(lead, briefing, completed_on=TODAY, evidence=TrainingEvidence.EQUIVALENT_APPROVED)
    make_record(someone, briefing, completed_on=TODAY, evidence=TrainingEvidence.EQUIVALENT_APPROVED)
    assert [r.id for r in records.pending_approvals(premises.id)] == [mine.id]
    assert len(records.pending_approvals()) == 2


@pytest.mark.parametrize("evidence, from_register, needs_approval, approved", list(product(
    TrainingEvidence, (False, True), (False, True), (False, True))))
def test_the_sql_twin_of_awaiting_approval_agrees_with_the_rule(premises, briefing, lead, evidence, from_register,
                                                                needs_approval, approved):
    session_id = None
    if from_register:
        session_id = sessions.add_session(factories.make_user(Role.OFFICER), sessions.SessionDetails(
            module_id=briefing.id, held_on=TODAY, place="Hall", trainer="Team")).id
    record = make_record(lead, briefing, completed_on=TODAY, evidence=evidence, session_id=session_id,
                         needs_approval=needs_approval, approved_by_id=factories.make_user(Role.OFFICER).id if approved else None)
    in_sql = db.session.scalar(db.select(TrainingRecord.id).where(records.awaiting_approval_clause())) == record.id
    assert in_sql == awaiting_approval(evidence, from_register=from_register, needs_approval=needs_approval,
                                       approved=approved)
