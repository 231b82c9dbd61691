import pytest

from scheme.extensions import db
from tests import factories


@pytest.fixture
def standards(app):
    """The current standards: S1 and S2 mandatory for every premises."""
    version = factories.make_standards_version(codes=("S1", "S2"))
    db.session.commit()
    return version
