import sqlalchemy as sa
from sqlalchemy.exc import SQLAlchemyError

from scheme.extensions import db


def database_answers() -> bool:
    try:
        db.session.execute(sa.text("SELECT 1"))
        return True
    except SQLAlchemyError:
        db.session.rollback()
        return False
    finally:
        db.session.remove()
