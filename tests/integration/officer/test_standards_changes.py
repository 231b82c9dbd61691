from scheme.domain.standards import standards_changes_since
from scheme.extensions import db
from tests import factories
from tests.factories import standards_of


def test_no_changes_when_pledged_to_the_current_version(app):
    version = factories.make_standards_version(number=901)
    assert standards_changes_since(version.id) is None


def test_added_removed_and_changed_standards_since_the_pledged_version(app):
    old = factories.make_standards_version(number=911, codes=("S1", "S2", "S3"))
    new = factories.make_standards_version(number=912, codes=("S1", "S2", "S4"), optional=("S2",))
    standards_of(new)[0].guidance = "Now with guidance"
    db.session.commit()
    changes = standards_changes_since(old.id)
    assert (changes.pledged.number, changes.current.number) == (911, 912)
    assert [s.code for s in changes.added] == ["S4"]
    assert [s.code for s in changes.removed] == ["S3"]
    assert [s.code for s in changes.changed] == ["S1", "S2"]  # guidance changed; no longer mandatory


def test_a_draft_version_is_not_current(app):
    published = factories.make_standards_version(number=921)
    factories.make_standards_version(number=922, published=False, codes=("X1",))
    assert standards_changes_since(published.id) is None
