from scheme.domain import standards
from scheme.domain.transaction import service
from scheme.enums import Role, StandardsVersionStatus
from scheme.extensions import db
from scheme.models import StandardsVersion
from tests import factories
from tests.factories import standards_of
from tests.pages import error_messages, get_page, post_page, text_of


def _latest():
    return db.session.scalar(db.select(StandardsVersion).order_by(StandardsVersion.number.desc()).limit(1))


def test_an_admin_drafts_edits_reorders_and_publishes_a_version(admin_client):
    factories.make_standards_version(number=50, codes=("S1", "S2"))
    post_page(admin_client, "/admin/standards", {})
    draft = _latest()
    assert draft.number == 51 and draft.status == StandardsVersionStatus.DRAFT
    assert [s.code for s in standards_of(draft)] == ["S1", "S2"]
    page = post_page(admin_client, f"/admin/standards/{draft.id}/new",
                     {"code": "S3", "title": "Staff know the signs", "mandatory": "y", "premises_types": ["hotel", "taxi"]})
    assert "Standard S3 saved" in text_of(page)
    s3 = standards_of(draft)[-1]
    assert (s3.mandatory, s3.premises_types) == (True, ["hotel", "taxi"])
    post_page(admin_client, f"/admin/standards/{draft.id}/standards/{s3.id}/move", {"to": "up"})
    db.session.refresh(draft)
    assert [s.code for s in standards_of(draft)] == ["S1", "S3", "S2"]
    page = post_page(admin_client, f"/admin/standards/{draft.id}", {"summary_of_changes": "Adds S3"})
    assert "is published" in text_of(page)
    db.session.refresh(draft)
    assert draft.status == StandardsVersionStatus.PUBLISHED


def test_a_code_must_be_unique_in_the_version(admin_client):
    version = factories.make_standards_version(number=60, published=False, codes=("S1",))
    page = post_page(admin_client, f"/admin/standards/{version.id}/new", {"code": "S1", "title": "Again"})
    assert error_messages(page) == ["Version 60 already has a standard with the code S1"]


def test_a_published_version_cannot_be_edited(admin_client):
    version = factories.make_standards_version(number=70, codes=("S1",))
    standard = standards_of(version)[0]
    page = post_page(admin_client, f"/admin/standards/{version.id}/standards/{standard.id}",
                     {"code": "S1", "title": "Changed"})
    assert "published and can no longer be changed" in text_of(page)
    db.session.refresh(standard)
    assert standard.title == "Standard S1"


def test_only_one_draft_at_a_time(admin_client):
    factories.make_standards_version(number=80, published=False)
    page = post_page(admin_client, "/admin/standards", {})
    assert "already a draft" in text_of(page)
    get_page(admin_client, "/admin/standards")


def test_a_first_draft_saved_and_published_in_one_transaction_lists_its_standards(app):
    # The demo data builds the first version this way; the draft in hand must see what was added.
    admin = factories.make_user(role=Role.ADMIN)

    @service
    def first_version():
        draft = standards.start_draft(admin)
        standards.save_standard(admin, draft.id, None, code="S1", title="Staff know the signs", guidance="",
                                evidence_expected="", mandatory=True, premises_types=[])
        return standards.publish(admin, draft.id, "First standards")

    published = first_version()
    assert published.status == StandardsVersionStatus.PUBLISHED
    assert [s.code for s in standards_of(published)] == ["S1"]
