"""Business sign-ins: the account of every premises, by its state; the chain manager who runs
three premises, and a new account that registered but has not confirmed its email yet."""

from scheme.demo.context import DEMO_PASSWORD, DemoContext
from scheme.demo.premises import CHAIN_EMAIL, CHAIN_PREMISES, PREMISES, business_email
from scheme.domain.accounts import registration, users
from scheme.domain.premises.search import all_statuses
from scheme.domain.premises.status import PremisesStatus

NEW_EMAIL = "new.business@example.com"
NEW_NAME = "Rosa Martin"


def load(demo: DemoContext) -> list[str]:
    if users.find_user_by_email(NEW_EMAIL) is None:
        registration.register_business_user(name=NEW_NAME, email=NEW_EMAIL, password=DEMO_PASSWORD)

    statuses = all_statuses(demo.today)
    by_state: dict[PremisesStatus, list[str]] = {}
    for name, *_ in PREMISES:
        if name in demo.premises_ids and name not in CHAIN_PREMISES:
            by_state.setdefault(statuses[demo.premises_ids[name]], []).append(name)
    lines = ["Business sign-ins (same password), by the state of the premises each one manages:"]
    for status in PremisesStatus:
        for position, name in enumerate(by_state.get(status, [])):
            label = status.value if position == 0 else ""
            lines.append(f"  {label:<18} {business_email(name)} ({name})")
    return lines + [
        "More business sign-ins (same password):",
        f"  {'chain of 3':<18} {CHAIN_EMAIL} (a member, a changes-requested and a draft premises)",
        f"  {'new, unconfirmed':<18} {NEW_EMAIL} (no premises yet; email not confirmed)",
    ]
