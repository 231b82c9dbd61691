"""Demo data: a realistic scheme around Braintree and Galley's Corner. Safe to load twice.

Everything is made through the services the pages call, acted by the scheme's own admin,
officers and businesses, on the days it happened; so the demo can reach no state the rules
would refuse. Each part returns the lines it wants printed (sign-ins, addresses to try).
"""

from datetime import date

from flask import current_app

from scheme.demo import business, certificates, history, premises, reference, training
from scheme.demo.context import DEMO_PASSWORD, DemoContext
from scheme.domain import clock
from scheme.domain.premises import readiness
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import OutboxMessage

__all__ = ["DEMO_PASSWORD", "load_demo_data", "load_reference_data"]

# Training before the history: a certificate is issued only to premises whose staff held
# valid training on the day; the sign-ins last, as they name a premises in each state.
PARTS = [reference, premises, training, history, certificates, business]


@service
def load_demo_data(today: date | None = None) -> list[str]:
    demo = DemoContext(today=today or clock.today(), base_url=current_app.config["SCHEME_BASE_URL"])
    first_new_email = (db.session.scalar(db.select(db.func.max(OutboxMessage.id))) or 0) + 1
    lines: list[str] = []
    # Readiness is worked out after each part, for what it wrote, on the day it happened: the
    # history replays its own days; the rest is today's. (Left to the next write, a premises
    # would be worked out on that write's day, perhaps a year back in the history.)
    with clock.on(demo.today):
        for part in PARTS:
            lines += part.load(demo)
            readiness.refresh_noted(db.session)
    # The services wrote the emails a year of applications, decisions and suspensions would
    # send, to demo addresses: they are history, not news, so none of them is delivered.
    db.session.execute(db.delete(OutboxMessage).where(OutboxMessage.id >= first_new_email))
    return lines


@service
def load_reference_data(today: date | None = None) -> list[str]:
    """The demo's standards, training modules, reporting routes and staff accounts only: what
    generated load data is built on."""
    demo = DemoContext(today=today or clock.today(), base_url=current_app.config["SCHEME_BASE_URL"])
    return reference.load(demo)
