import pytest

from scheme.extensions import limiter
from tests.conftest import make_test_app


@pytest.fixture
def limited_client(database_url):
    # The limiter is one object shared by every app in the process: put its switch back after.
    was_enabled = limiter.enabled
    try:
        yield make_test_app(database_url, RATELIMIT_ENABLED=True).test_client()
    finally:
        limiter.enabled = was_enabled


@pytest.mark.parametrize("path", ["/register", "/forgotten-password", "/confirm-email", "/reset-password/some-token"])
def test_account_forms_are_rate_limited(limited_client, path):
    # Invalid posts write nothing, but every attempt counts.
    answers = [limited_client.post(path, data={"email": "not an email"}).status_code for _ in range(6)]
    assert 429 not in answers[:5]
    assert answers[5] == 429
    assert limited_client.get(path).status_code != 429  # reading the form is never limited
