import io
from datetime import date, datetime, timedelta, timezone

import pytest
from PIL import Image
from werkzeug.test import EnvironBuilder

from scheme.domain import settings
from scheme.domain.errors import InvalidState
from scheme.domain.visits import audits
from scheme.enums import Answer, ApplicationStatus, Outcome, PremisesType, Role
from scheme.extensions import db
from scheme.models import Action, AuditLogEntry, EvidencePhoto
from tests import factories
from tests.factories import standards_of
from tests.factories_officer import make_action, make_finished_visit
from tests.pages import error_messages, get_page, post_page, text_of


@pytest.fixture
def version(app):
    version = factories.make_standards_version(codes=("S1", "S2", "S3"), optional=("S3",))
    standards_of(version)[1].premises_types = [PremisesType.TAXI.value]  # S2 is for taxi firms only
    db.session.commit()
    return version


@pytest.fixture
def member(app, business_user):
    return factories.make_premises(owner=business_user, status=ApplicationStatus.MEMBER,
                                   premises_type=PremisesType.HOTEL, name="The Horn Hotel")


def _start(client, premises):
    post_page(client, f"/officer/premises/{premises.id}/visits", {})
    return audits.visit_in_progress(premises.id)


def _save(client, visit, standard, answer, note="", revision=None, status=200):
    row = audits.get_answer(visit, standard.id)
    prefix = f"s{standard.id}-"
    return post_page(client, f"/officer/visits/{visit.id}/standards/{standard.id}",
                     {prefix + "answer": answer, prefix + "note": note,
                      prefix + "revision": revision if revision is not None else row.revision}, status=status)


def test_a_visit_lists_only_the_current_standards_that_apply_to_the_premises_type(officer_client, version, member):
    visit = _start(officer_client, member)
    page = get_page(officer_client, f"/officer/visits/{visit.id}")
    headings = [h.get_text(strip=True) for h in page.select("h3.govuk-heading-m")]
    assert headings == ["S1: Standard S1", "S3: Standard S3"]
    assert f"standards version {version.number}" in text_of(page)


def test_a_new_visit_is_prefilled_from_the_last_one_and_shows_open_actions(officer_client, version, member):
    make_finished_visit(member, version, {"S1": Answer.MET, "S3": Answer.NOT_MET}, visit_date=date(2025, 6, 1))
    make_action(member, due_on=date.today() - timedelta(days=1), description="S3: Put the poster up by the till")
    visit = _start(officer_client, member)
    assert [(r.standard.code, r.answer, r.note) for r in audits.checklist(visit)] == [
        ("S1", Answer.MET, "Last time: S1"), ("S3", Answer.NOT_MET, "Last time: S3")]
    page = get_page(officer_client, f"/officer/visits/{visit.id}")
    assert "From the last visit: confirm or change it" in text_of(page)
    assert "Answered 0 of 2 standards on this visit" in text_of(page)
    assert "S3: Put the poster up by the till" in text_of(page) and "Overdue" in text_of(page)


def test_starting_again_resumes_the_visit_in_progress(officer_client, version, member):
    first = _start(officer_client, member)
    assert _start(officer_client, member).id == first.id


def test_each_answer_saves_on_its_own(officer, officer_client, version, member):
    visit = _start(officer_client, member)
    s1 = standards_of(version)[0]
    page = _save(officer_client, visit, s1, "not_met", "No poster in the reception")
    # Confirmed inside the standard just saved, where the page lands, with the visit's progress.
    [confirmation] = page.select(f"#standard-{s1.id} .govuk-notification-banner--success")
    assert "Answer saved for S1. Answered 1 of 2 standards on this visit." in text_of(confirmation)
    row = audits.get_answer(visit, s1.id)
    assert (row.answer, row.note, row.updated_by_id, row.revision) == (Answer.NOT_MET, "No poster in the reception", officer.id, 2)


def test_an_answer_needs_a_finding(officer_client, version, member):
    visit = _start(officer_client, member)
    page = _save(officer_client, visit, standards_of(version)[0], "", "typed note kept", status=400)
    assert error_messages(page) == ["Select met, not met or not applicable"]
    assert "typed note kept" in page.find("textarea", attrs={"name": f"s{standards_of(version)[0].id}-note"}).get_text()


def test_saving_over_a_newer_answer_is_refused_and_shows_both(app, officer_client, version, member):
    visit = _start(officer_client, member)
    s1 = standards_of(version)[0]
    other = factories.make_user(Role.OFFICER, name="Other Officer")
    audits.save_answer(other, visit.id, s1.id, answer=Answer.MET, note="Poster seen by the lift", based_on_revision=1)
    page = _save(officer_client, visit, s1, "not_met", "No poster at reception", revision=1, status=409)
    text = text_of(page)
    assert "Someone else saved this answer" in text
    assert "Poster seen by the lift" in text and "No poster at reception" in text
    row = audits.get_answer(visit, s1.id)
    assert (row.answer, row.note) == (Answer.MET, "Poster seen by the lift")
    # Saving again from the page (now based on the newer revision) deliberately replaces it.
    revision = page.find("input", attrs={"name": f"s{s1.id}-revision"})["value"]
    _save(officer_client, visit, s1, "not_met", "No poster at reception", revision=revision)
    assert audits.get_answer(visit, s1.id).answer == Answer.NOT_MET


def test_finishing_sets_outcome_actions_next_visit_and_locks_the_visit(officer_client, version, member):
    visit = _start(officer_client, member)
    s1, _, s3 = standards_of(version)
    _save(officer_client, visit, s1, "met")
    _save(officer_client, visit, s3, "not_met", "Display the reporting routes in the staff room")
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    assert "Outcome: pass with actions" in text_of(page)
    assert "set by this visit" in text_of(page)
    db.session.refresh(visit)
    expected_next = date(visit.visit_date.year + 1, visit.visit_date.month, min(visit.visit_date.day, 28)) \
        if (visit.visit_date.month, visit.visit_date.day) == (2, 29) else visit.visit_date.replace(year=visit.visit_date.year + 1)
    assert visit.outcome == Outcome.PASS_WITH_ACTIONS and visit.next_visit_on == expected_next
    db.session.refresh(member)
    assert member.next_visit_due_on == expected_next
    [action] = db.session.scalars(db.select(Action).where(Action.premises_id == member.id))
    assert "Display the reporting routes in the staff room" in action.description
    assert action.due_on == visit.visit_date + timedelta(days=56)
    assert page.find("textarea") is None  # read-only now
    page = _save(officer_client, visit, s1, "not_met")
    assert "finished and can no longer be changed" in text_of(page)


def test_a_failed_visit_brings_the_next_visit_forward(app, officer, version, member):
    visit = audits.start_visit(officer, member.id, date(2026, 1, 10))
    for row in audits.checklist(visit):
        audits.save_answer(officer, visit.id, row.standard_id, answer=Answer.NOT_MET, note="", based_on_revision=1)
    audits.finish_visit(officer, visit.id, settings.load())
    assert visit.outcome == Outcome.FAIL and visit.next_visit_on == date(2026, 4, 10)


def test_a_visit_cannot_finish_with_a_standard_unanswered(app, officer, version, member):
    visit = audits.start_visit(officer, member.id, date.today())
    with pytest.raises(InvalidState, match="S1"):
        audits.finish_visit(officer, visit.id, settings.load())


def _jpeg(size=(60, 40)) -> bytes:
    exif = Image.Exif()
    exif[0x8825] = {2: (51.0, 52.0, 53.0), 1: "N"}
    output = io.BytesIO()
    Image.new("RGB", size, "blue").save(output, format="JPEG", exif=exif)
    return output.getvalue()


def _upload(client, visit, standard, data: bytes, filename="photo.jpg", status=200):
    return post_page(client, f"/officer/visits/{visit.id}/standards/{standard.id}/photos",
                     {f"p{standard.id}-photo": (io.BytesIO(data), filename)},
                     content_type="multipart/form-data", status=status)


def test_photo_evidence_is_stored_without_its_metadata(officer_client, version, member):
    visit = _start(officer_client, member)
    s1 = standards_of(version)[0]
    page = _upload(officer_client, visit, s1, _jpeg())
    assert "Photo added" in text_of(page)
    [photo] = db.session.scalars(db.select(EvidencePhoto))
    assert not Image.open(io.BytesIO(photo.content)).getexif()
    response = officer_client.get(f"/officer/photos/{photo.id}")
    assert response.status_code == 200 and response.mimetype == "image/jpeg"
    assert db.session.scalar(db.select(AuditLogEntry.subject).where(AuditLogEntry.action == "visit.photo_viewed")) \
        == f"photo:{photo.id}"


def test_a_file_that_is_not_an_image_is_refused_and_the_answer_kept(officer_client, version, member):
    visit = _start(officer_client, member)
    s1 = standards_of(version)[0]
    _save(officer_client, visit, s1, "met", "Poster by the lift")
    page = _upload(officer_client, visit, s1, b"%PDF-1.4 not a photo", filename="photo.jpg", status=400)
    assert error_messages(page) == ["The selected file must be a JPEG or PNG photo"]
    assert "Poster by the lift" in text_of(page)
    assert db.session.scalars(db.select(EvidencePhoto)).all() == []


def test_a_photo_over_10_mb_gets_the_file_too_large_page(officer_client, version, member):
    visit = _start(officer_client, member)
    s1 = standards_of(version)[0]
    builder = EnvironBuilder(path=f"/officer/visits/{visit.id}/standards/{s1.id}/photos", method="POST",
                             data={f"p{s1.id}-photo": (io.BytesIO(b"\xff" * (11 * 1024 * 1024)), "big.jpg")})
    environ = builder.get_environ()
    try:
        response = officer_client.open(environ)
    finally:
        environ["wsgi.input"].close()  # a body this large is spooled to a temporary file
        builder.close()
    assert response.status_code == 413
    assert "Files must be smaller than 10 MB" in response.get_data(as_text=True)
    assert audits.get_answer(visit, s1.id).answer is None  # nothing changed; answers save separately


def test_business_users_cannot_see_an_audit_visit(business_client, officer, version, member):
    visit = audits.start_visit(officer, member.id, date.today())
    assert business_client.get(f"/officer/visits/{visit.id}").status_code == 403


# A visit is really done: nothing carried over from the last visit counts until an officer
# confirms or changes it during this one.

def _previous(member, version, answers, officer=None):
    return make_finished_visit(member, version, answers, visit_date=date(2025, 6, 1), officer=officer)


def test_starting_a_visit_and_finishing_it_without_touching_anything_is_refused(officer_client, version, member):
    _previous(member, version, {"S1": Answer.MET, "S3": Answer.MET})
    visit = _start(officer_client, member)
    page = get_page(officer_client, f"/officer/visits/{visit.id}/finish")
    assert "Confirm or change each answer carried over from the last visit before finishing" in text_of(page)
    assert "not yet confirmed: S1, S3" in text_of(page)
    assert page.find("button", string=lambda t: t and "Finish the visit" in t) is None
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    assert "not yet confirmed: S1, S3" in text_of(page)
    db.session.refresh(visit)
    assert visit.completed_at is None and visit.outcome is None
    assert db.session.scalars(db.select(Action)).all() == []


def test_confirming_every_section_as_seen_then_finishing_passes_and_is_recorded_as_such(officer, officer_client,
                                                                                         version, member):
    _previous(member, version, {"S1": Answer.MET, "S3": Answer.MET})
    visit = _start(officer_client, member)
    s1, _, s3 = standards_of(version)
    page = post_page(officer_client, f"/officer/visits/{visit.id}/confirm-section", {"section": "mandatory"})
    assert "Confirmed as seen: S1. Answered 1 of 2 standards on this visit." in text_of(page)
    assert "not yet confirmed: S3" in text_of(get_page(officer_client, f"/officer/visits/{visit.id}/finish"))
    post_page(officer_client, f"/officer/visits/{visit.id}/confirm-section", {"section": "recommended"})
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    assert "Outcome: pass" in text_of(page)
    db.session.refresh(visit)
    assert visit.outcome == Outcome.PASS
    rows = {row.standard.code: row for row in audits.checklist(visit)}
    assert all(row.confirmed_in_bulk and row.updated_by_id == officer.id and row.confirmed_at for row in rows.values())
    assert "Carried over from the last visit (met); confirmed as seen with its section by " + officer.name in text_of(page)


def test_confirming_a_section_again_says_nothing_is_waiting(officer_client, version, member):
    _previous(member, version, {"S1": Answer.MET, "S3": Answer.MET})
    visit = _start(officer_client, member)
    post_page(officer_client, f"/officer/visits/{visit.id}/confirm-section", {"section": "mandatory"})
    page = post_page(officer_client, f"/officer/visits/{visit.id}/confirm-section", {"section": "mandatory"})
    assert "No answer in mandatory standards is waiting to be confirmed" in text_of(page)


def test_the_record_says_which_answers_were_carried_over_confirmed_or_changed_by_whom(officer, officer_client,
                                                                                     version, member):
    _previous(member, version, {"S1": Answer.MET, "S3": Answer.NOT_MET})
    visit = _start(officer_client, member)
    s1, _, s3 = standards_of(version)
    _save(officer_client, visit, s1, "met", "Lead named on the notice board")
    _save(officer_client, visit, s3, "met", "CCTV now works")
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    text = text_of(page)
    assert f"Carried over from the last visit (met); confirmed by {officer.name}" in text
    assert f"Carried over from the last visit as not met; changed to met by {officer.name}" in text


def test_a_closed_action_is_not_copied_into_a_new_one(officer_client, version, member):
    from scheme.enums import ActionStatus

    before = _previous(member, version, {"S1": Answer.MET, "S3": Answer.NOT_MET})
    make_action(member, due_on=date(2025, 7, 1), description="S3: Fix the CCTV", assessment_id=before.id,
                standard_id=standards_of(version)[2].id, status=ActionStatus.CLOSED)
    visit = _start(officer_client, member)
    s1, _, s3 = standards_of(version)
    with pytest.raises(InvalidState, match="S1, S3"):
        audits.finish_visit(factories.make_user(Role.OFFICER), visit.id, settings.load())
    _save(officer_client, visit, s1, "met")
    _save(officer_client, visit, s3, "met", "CCTV records 31 days")
    post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    assert [a.description for a in db.session.scalars(db.select(Action))] == ["S3: Fix the CCTV"]


def test_an_action_still_open_from_an_earlier_visit_is_linked_not_duplicated(officer_client, version, member):
    before = _previous(member, version, {"S1": Answer.MET, "S3": Answer.NOT_MET})
    s1, _, s3 = standards_of(version)
    earlier = make_action(member, due_on=date.today() + timedelta(days=5), description="S3: Fix the CCTV",
                          assessment_id=before.id, standard_id=s3.id)
    visit = _start(officer_client, member)
    _save(officer_client, visit, s1, "not_met", "No lead named")
    _save(officer_client, visit, s3, "not_met", "CCTV still broken")
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    actions = {a.description: a for a in db.session.scalars(db.select(Action))}
    assert set(actions) == {"S3: Fix the CCTV", "S1: No lead named"}
    rows = {row.standard.code: row for row in audits.checklist(visit)}
    assert rows["S3"].action_id == earlier.id and rows["S1"].action_id == actions["S1: No lead named"].id
    assert actions["S1: No lead named"].assessment_id == visit.id
    assert "S3: Fix the CCTV" in text_of(page) and "still open from an earlier visit, so linked" in text_of(page)


def test_of_two_officers_finishing_the_same_visit_one_wins_and_the_other_is_told(app, officer, officer_client,
                                                                                 version, member):
    visit = audits.start_visit(officer, member.id, date(2026, 1, 10))
    for row in audits.checklist(visit):
        audits.save_answer(officer, visit.id, row.standard_id, answer=Answer.MET, note="", based_on_revision=1)
    other = factories.make_user(Role.OFFICER, name="Other Officer")
    # The other officer's finish lands between this one reading the visit and writing it: the
    # visit this one holds still looks unfinished, so only the conditional write can tell.
    db.session.execute(db.update(type(visit)).where(type(visit).id == visit.id)
                       .values(completed_at=datetime.now(timezone.utc), outcome=Outcome.FAIL)
                       .execution_options(synchronize_session=False))
    assert visit.completed_at is None
    with pytest.raises(InvalidState, match="already been finished, by you or another officer"):
        audits.finish_visit(other, visit.id, settings.load())
    assert db.session.scalars(db.select(Action)).all() == []
    # And on the page, once one has finished it, the other is told and the outcome stands.
    db.session.rollback()
    audits.finish_visit(officer, visit.id, settings.load())
    page = post_page(officer_client, f"/officer/visits/{visit.id}/finish", {})
    assert "This visit has already been finished, by you or another officer: its outcome stands" in text_of(page)
    assert "Outcome: pass" in text_of(page)
