import sqlalchemy as sa

from scheme.domain.errors import NotFound
from scheme.enums import AssessmentKind
from scheme.extensions import db
from scheme.models import Assessment


def get_or_not_found(model, row_id, message: str):
    """The row with this id, or NotFound (a 404 page) with a message for the person asking."""
    row = db.session.get(model, row_id)
    if row is None:
        raise NotFound(message)
    return row


def get_assessment(assessment_id: int, kind: AssessmentKind, message: str) -> Assessment:
    """An audit visit or a test visit: one of the other kind is not found."""
    visit = db.session.get(Assessment, assessment_id)
    if visit is None or visit.kind != kind:
        raise NotFound(message)
    return visit


def load_related(row, *options):
    """Load these relationships of row now, so that nothing later (a template least of all) has to.

    Relationships never lazy-load (lazy="raise" in scheme.models): a service that navigates
    one, or returns a row whose template does, loads it with the options it names here.
    """
    mapper = sa.inspect(type(row))
    identity = sa.inspect(row).identity
    db.session.scalars(
        db.select(type(row)).where(*(column == value for column, value in zip(mapper.primary_key, identity, strict=True)))
        .options(*options)
    ).one()
    return row
