"""Demo data: a realistic scheme around Braintree and Galley's Corner. Safe to load twice.

Each area of the service adds its own part; parts run in order and each returns the lines
it wants printed (sign-ins, addresses to try).
"""

from datetime import date

from scheme.demo import business, certificates, officer, premises, reference, training
from scheme.domain.transaction import service

DEMO_PASSWORD = "spot-it-demo-2026"
# Training and visits before certificates: a certificate needs a passed audit and
# training-compliant staff.
PARTS = [reference, premises, business, training, officer, certificates]


@service
def load_demo_data(today: date | None = None) -> list[str]:
    today = today or date.today()
    lines: list[str] = []
    for part in PARTS:
        lines += part.load(today)
    return lines
