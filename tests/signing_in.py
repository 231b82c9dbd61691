"""Signing in through the pages, as people do: the password, then for officers and admins
the code their authenticator app would show (computed here with pyotp from their secret)."""

import time

import pyotp

from scheme.domain.accounts.two_factor import STEP_SECONDS
from scheme.extensions import db
from scheme.models import User
from tests import factories


def code_for(user: User, at: float | None = None) -> str:
    """A code the app would show now that the server has not yet accepted from this user.

    The server takes the codes of the step before and after this one too (for phone clocks
    that are a little out), and never a step twice: so up to three sign-ins of one user fit
    in one 30-second step.
    """
    db.session.refresh(user)
    step = int((at if at is not None else time.time()) // STEP_SECONDS)
    if user.totp_last_step is not None:
        step = max(step - 1, user.totp_last_step + 1)
    return pyotp.TOTP(user.totp_secret).at(step * STEP_SECONDS)


def wrong_code(secret: str) -> str:
    """A code the app would not show in any step near now."""
    totp = pyotp.TOTP(secret)
    accepted = {totp.at(time.time() + seconds) for seconds in range(-90, 91, STEP_SECONDS)}
    return next(code for code in ("000000", "111111", "222222", "333333", "444444") if code not in accepted)


def sign_in(client, user: User, password: str = factories.PASSWORD, **post):
    """Sign in through /sign-in (and the code page for staff); returns the last response."""
    response = client.post("/sign-in", data={"email": user.email, "password": password}, **post)
    if response.status_code == 302 and response.headers["Location"].startswith("/sign-in/two-factor"):
        response = client.post(response.headers["Location"], data={"code": code_for(user)}, **post)
    return response
