"""Signed, expiring links (email confirmation, password reset, invitations to co-manage).

Tokens are signed with the app's SECRET_KEY and a purpose-specific salt, so a token made for
one purpose is worthless for another. A reset token carries the user's session_version,
which the reset bumps: a used link, or one made before a password change, stops working.
"""

import time
from dataclasses import dataclass, field
from typing import Callable

from itsdangerous import (
    BadSignature,
    SignatureExpired,
    TimestampSigner,
    URLSafeTimedSerializer,
)

CONFIRM_EMAIL = "confirm-email"
RESET_PASSWORD = "reset-password"
INVITE = "invite-colleague"
REMINDER_PREFERENCES = "reminder-preferences"

MAX_AGE_SECONDS = {
    CONFIRM_EMAIL: 3 * 24 * 3600,
    RESET_PASSWORD: 2 * 3600,
    INVITE: 14 * 24 * 3600,
    # In every reminder: it must still work when a reminder from last year is opened.
    REMINDER_PREFERENCES: 400 * 24 * 3600,
}


class LinkProblem(Exception):
    """A link that cannot be used; the message says why, for the person who followed it."""


class LinkExpired(LinkProblem):
    pass


class LinkInvalid(LinkProblem):
    pass


@dataclass(frozen=True)
class Signer:
    secret_key: str
    clock: Callable[[], float] = field(default=time.time)  # tests pass a fixed clock

    def _serializer(self, purpose: str) -> URLSafeTimedSerializer:
        clock = self.clock

        class ClockedSigner(TimestampSigner):
            def get_timestamp(self) -> int:
                return int(clock())

        return URLSafeTimedSerializer(self.secret_key, salt=f"scheme.{purpose}", signer=ClockedSigner)

    def make(self, purpose: str, payload: dict) -> str:
        return self._serializer(purpose).dumps(payload)

    def read(self, purpose: str, token: str, max_age: int | None = None) -> dict:
        try:
            payload = self._serializer(purpose).loads(token, max_age=max_age or MAX_AGE_SECONDS[purpose])
        except SignatureExpired:
            raise LinkExpired("This link has expired") from None
        except BadSignature:
            raise LinkInvalid("This link is not valid") from None
        if not isinstance(payload, dict):
            raise LinkInvalid("This link is not valid")
        return payload


def signer() -> Signer:
    from flask import current_app

    return Signer(current_app.config["SECRET_KEY"])
