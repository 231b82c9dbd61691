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
