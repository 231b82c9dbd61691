"""Scheme settings an admin can change, with their defaults."""

from dataclasses import dataclass

from scheme.domain import audit_log
from scheme.domain.access import require_admin
from scheme.domain.transaction import service
from scheme.extensions import db
from scheme.models import Setting, User


@dataclass(frozen=True)
class SchemeSettings:
    required_trained_share: int = 100  # percent of active staff who must hold valid training
    grace_period_weeks: int = 4  # new starters do not count against compliance for this long
    certificate_validity_months: int = 12
    visit_interval_months: int = 12
    visit_interval_after_fail_months: int = 3
    renewal_window_days: int = 60
    # How long personal data is kept (the privacy notice says so): a member of staff's name and
    # certificates this long after they leave, an email's text this long after it was sent.
    staff_retention_months: int = 24
    sent_email_retention_days: int = 90
    # An at-risk premises' certificate still counts this long (scheme.domain.premises.readiness).
    readiness_grace_days: int = 14
    # Who runs the scheme and how to reach them: every email, the privacy notice and the
    # accessibility statement name them, and emails are answered at contact_email.
    council_name: str = ""
    contact_email: str = ""
    contact_phone: str = ""
    postal_address: str = ""

    @property
    def contact(self) -> "Contact":
        return Contact(self.council_name, self.contact_email, self.contact_phone, self.postal_address)


@dataclass(frozen=True)
class Contact:
    council_name: str
    email: str
    phone: str
    postal_address: str

    @property
    def address_lines(self) -> list[str]:
        return [line.strip() for line in self.postal_address.splitlines() if line.strip()]


DEFAULTS = SchemeSettings()


def contact() -> Contact:
    return load().contact


def load() -> SchemeSettings:
    stored = {row.key: row.value for row in db.session.scalars(db.select(Setting))}
    values = {}
    for name, default in DEFAULTS.__dict__.items():
        if name in stored:
            values[name] = type(default)(stored[name])
    return SchemeSettings(**{**DEFAULTS.__dict__, **values})


def save(**changes) -> None:
    for key, value in changes.items():
        if key not in DEFAULTS.__dict__:
            raise KeyError(key)
        db.session.merge(Setting(key=key, value=str(value)))


@service
def update(admin: User, values: dict[str, int | str]) -> SchemeSettings:
    require_admin(admin)
    before = load().__dict__
    changed = {key: value for key, value in values.items() if before.get(key) != value}
    save(**changed)
    if changed:
        # Imported here: the histories' words import the readiness rule, which reads settings.
        from scheme.domain.history_words import setting_in_words

        audit_log.record(admin, "settings.changed",
                         details="; ".join(f"{setting_in_words(k)}: {before[k]} to {v}" for k, v in changed.items()))
    return load()
