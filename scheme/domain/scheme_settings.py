"""Admins change the scheme settings (scheme.domain.settings holds them and their defaults)."""

from scheme.domain import audit, settings
from scheme.domain.settings import SchemeSettings
from scheme.domain.unit import service
from scheme.models import User


def current() -> SchemeSettings:
    return settings.load()


@service
def update(admin: User, values: dict[str, int]) -> SchemeSettings:
    before = settings.load().__dict__
    changed = {key: value for key, value in values.items() if before.get(key) != value}
    settings.save(**changed)
    if changed:
        audit.record(admin, "settings.changed", details=", ".join(f"{k}: {before[k]} -> {v}" for k, v in changed.items()))
    return settings.load()
