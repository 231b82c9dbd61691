import pytest

from tests import factories
from tests.factories import standards_of


@pytest.fixture
def standards(app):
    """The current standards: two for every premises, one only for hotels."""
    version = factories.make_standards_version(codes=("S1", "S2", "S7"))
    standards_of(version)[2].premises_types = ["hotel"]
    from scheme.extensions import db

    db.session.commit()
    return version
