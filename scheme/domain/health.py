import sqlalchemy as sa
from flask import current_app
from sqlalchemy.exc import SQLAlchemyError

from scheme.extensions import db
from scheme.models import Certificate


def database_answers() -> bool:
    """Whether the database answers a read of the table every sticker's page reads, in time.

    A table locked by a long migration or a stuck transaction makes the public page wait: the
    probe reads the same table, so the load balancer hears about it too.
    """
    try:
        if db.session.get_bind().dialect.name == "postgresql":
            timeout_ms = round(current_app.config["HEALTH_CHECK_TIMEOUT"] * 1000)
            db.session.execute(sa.text(f"SET LOCAL statement_timeout = {timeout_ms}"))
            db.session.execute(sa.text(f"SET LOCAL lock_timeout = {timeout_ms}"))
        db.session.execute(sa.select(Certificate.id).limit(1))
        return True
    except SQLAlchemyError:
        db.session.rollback()
        return False
    finally:
        db.session.remove()
