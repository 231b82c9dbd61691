"""The services check the acting user themselves, so a call that does not come through a page
(the CLI, a job, a future API) cannot skip the rule its route declares."""

from datetime import datetime, timedelta, timezone
from types import SimpleNamespace

import pytest

from scheme.domain import access, reporting_routes, settings, standards
from scheme.domain.accounts import staff_users
from scheme.domain.certificates import lifecycle
from scheme.domain.errors import NotAllowed, NotFound
from scheme.domain.photos import CleanImage
from scheme.domain.premises import review
from scheme.domain.training import modules
from scheme.domain.visits import actions, audits, covert
from scheme.enums import ActionStatus, Answer, CertificateStatus, Role
from scheme.extensions import db
from scheme.models import AuditLogEntry
from tests import factories, factories_officer
from tests.integration.certificates.conftest import (
    BASE_URL,
    TODAY,
    issue,
    make_eligible_premises,
)


@pytest.fixture
def things(app, business_user, officer):
    """A member premises of business_user's with a certificate, an audit visit and a test visit
    in progress and an action done, and an application waiting for a decision."""
    factories.make_standards_version()
    premises = make_eligible_premises(business_user)
    visit = audits.start_visit(officer, premises.id, TODAY)
    return SimpleNamespace(
        premises=premises,
        certificate=issue(premises, actor=officer),
        visit=visit,
        standard_id=audits.checklist(visit)[0].standard_id,
        test_visit=covert.record_test_visit(officer, premises.id, scenario="Asked for a room by the hour",
                                            visit_date=TODAY, behaviours=["Asked for ID"]),
        action=factories_officer.make_action(premises, due_on=TODAY + timedelta(days=28), status=ActionStatus.DONE),
        application=factories_officer.make_application(owner=business_user),
    )


STAFF_ONLY_SERVICES = {
    "issue a certificate": lambda actor, t: lifecycle.issue_certificate(
        t.premises.id, actor=actor, today=TODAY, base_url=BASE_URL),
    "renew a certificate": lambda actor, t: lifecycle.renew_certificate(
        t.certificate.id, actor=actor, today=t.certificate.expires_on - timedelta(days=1), base_url=BASE_URL),
    "suspend a certificate": lambda actor, t: lifecycle.suspend_certificate(
        t.certificate.id, actor=actor, reason="Failed a test visit", today=TODAY),
    "reinstate a certificate": lambda actor, t: lifecycle.reinstate_certificate(t.certificate.id, actor=actor, today=TODAY),
    "revoke a certificate": lambda actor, t: lifecycle.revoke_certificate(t.certificate.id, actor=actor, reason="Closed"),
    "record a replacement sticker": lambda actor, t: lifecycle.record_replacement_sticker(
        t.certificate.id, actor=actor, today=TODAY),
    "approve an application": lambda actor, t: review.approve(actor, t.application.id),
    "request changes": lambda actor, t: review.request_changes(actor, t.application.id, "Add a lead", TODAY),
    "reject an application": lambda actor, t: review.reject(actor, t.application.id, "Not a premises"),
    "start an audit visit": lambda actor, t: audits.start_visit(actor, t.premises.id, TODAY),
    "save an answer": lambda actor, t: audits.save_answer(
        actor, t.visit.id, t.standard_id, answer=Answer.MET, note="", based_on_revision=1),
    "add a photo": lambda actor, t: audits.add_answer_photo(
        actor, t.visit.id, t.standard_id, CleanImage("image/png", b"\x89PNG")),
    "finish a visit": lambda actor, t: audits.finish_visit(actor, t.visit.id, settings.load()),
    "record a test visit": lambda actor, t: covert.record_test_visit(
        actor, t.premises.id, scenario="Again", visit_date=TODAY, behaviours=["Asked for ID"]),
    "record test results": lambda actor, t: covert.record_results(
        actor, t.test_visit.id, {check.id: True for check in covert.get_test_visit(t.test_visit.id).checks}, ""),
    "close an action": lambda actor, t: actions.verify(actor, t.action.id, close=True, note="Seen it"),
}


def _log_size() -> int:
    return db.session.scalar(db.select(db.func.count(AuditLogEntry.id)))


def _refused(call) -> None:
    before = _log_size()
    with pytest.raises(NotAllowed):
        call()
    assert _log_size() == before, "a refused call must leave no trace in the audit log"


@pytest.mark.parametrize("service", STAFF_ONLY_SERVICES.values(), ids=STAFF_ONLY_SERVICES.keys())
def test_the_premises_own_business_user_cannot_call_an_officers_service(things, business_user, service):
    _refused(lambda: service(business_user, things))
    db.session.expire_all()
    assert things.certificate.status == CertificateStatus.ACTIVE and things.certificate.sticker_reprints == 0
    assert things.visit.completed_at is None and things.test_visit.completed_at is None
    assert things.action.status == ActionStatus.DONE


@pytest.mark.parametrize("service", STAFF_ONLY_SERVICES.values(), ids=STAFF_ONLY_SERVICES.keys())
def test_a_deactivated_officer_cannot_call_an_officers_service(things, service):
    _refused(lambda: service(factories.make_user(Role.OFFICER, active=False), things))


@pytest.mark.parametrize("service", [
    STAFF_ONLY_SERVICES["suspend a certificate"], STAFF_ONLY_SERVICES["approve an application"],
    STAFF_ONLY_SERVICES["finish a visit"], STAFF_ONLY_SERVICES["close an action"],
], ids=["suspend", "approve", "finish a visit", "close an action"])
@pytest.mark.parametrize("role", [Role.OFFICER, Role.ADMIN])
def test_officers_and_admins_may(things, role, service):
    for answer in audits.checklist(things.visit):
        answer.answer = Answer.MET
        answer.confirmed_at = datetime.now(timezone.utc)
    db.session.commit()
    service(factories.make_user(role), things)


def test_marking_an_action_done_is_for_the_business_that_manages_the_premises(things, business_user, officer):
    things.action.status = ActionStatus.OPEN
    db.session.commit()
    _refused(lambda: actions.mark_done(factories.make_user(Role.BUSINESS), things.action.id, "Done", None))
    _refused(lambda: actions.mark_done(officer, things.action.id, "Done", None))
    assert actions.mark_done(business_user, things.action.id, "Done", None).status == ActionStatus.DONE


def test_a_business_user_loads_only_their_own_premises_and_actions(things, business_user):
    stranger = factories.make_user(Role.BUSINESS)
    assert access.premises_for(business_user, things.premises.id) == things.premises
    assert access.action_for(business_user, things.action.id) == things.action
    with pytest.raises(NotAllowed):
        access.premises_for(stranger, things.premises.id)
    with pytest.raises(NotAllowed):
        access.action_for(stranger, things.action.id)
    with pytest.raises(NotFound):
        access.premises_for(stranger, 999999)


@pytest.mark.parametrize("load", [access.certificate_for, access.audit_visit_for, access.test_visit_for])
def test_a_business_user_cannot_load_a_certificate_or_visit_even_of_their_own_premises(things, business_user, load):
    ids = {access.certificate_for: things.certificate.id, access.audit_visit_for: things.visit.id,
           access.test_visit_for: things.test_visit.id}
    with pytest.raises(NotAllowed):
        load(business_user, ids[load])


def test_an_audit_visit_is_not_a_test_visit(things, officer):
    assert access.audit_visit_for(officer, things.visit.id) == things.visit
    with pytest.raises(NotFound):
        access.test_visit_for(officer, things.visit.id)
    with pytest.raises(NotFound):
        access.audit_visit_for(officer, things.test_visit.id)


ADMIN_SERVICES = {
    "change the settings": lambda actor: settings.update(actor, {}),
    "invite staff": lambda actor: staff_users.invite(actor, email="new@example.com", name="New", role=Role.OFFICER),
    "deactivate staff": lambda actor: staff_users.set_active(actor, actor.id, False),
    "draft standards": lambda actor: standards.start_draft(actor),
    "publish standards": lambda actor: standards.publish(actor, 1, "Changes"),
    "add a reporting route": lambda actor: reporting_routes.add_route(actor=actor, label="Police"),
    "move a reporting route": lambda actor: reporting_routes.move_route(1, actor=actor, up=True),
    "add a training module": lambda actor: modules.add_module(actor, None),
}


@pytest.mark.parametrize("service", ADMIN_SERVICES.values(), ids=ADMIN_SERVICES.keys())
@pytest.mark.parametrize("role", [Role.OFFICER, Role.BUSINESS])
def test_only_administrators_administer_the_scheme(app, role, service):
    _refused(lambda: service(factories.make_user(role)))
