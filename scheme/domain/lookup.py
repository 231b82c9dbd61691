from scheme.domain.errors import NotFound
from scheme.extensions import db


def get_or_not_found(model, row_id, message: str):
    """The row with this id, or NotFound (a 404 page) with a message for the person asking."""
    row = db.session.get(model, row_id)
    if row is None:
        raise NotFound(message)
    return row
