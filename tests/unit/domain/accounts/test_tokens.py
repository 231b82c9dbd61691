import pytest

from scheme.domain.accounts.tokens import (
    CONFIRM_EMAIL,
    INVITE,
    RESET_PASSWORD,
    LinkExpired,
    LinkInvalid,
    Signer,
)

NOW = 1_800_000_000


def signer_at(seconds: float, key: str = "k" * 32) -> Signer:
    return Signer(key, clock=lambda: seconds)


def test_a_token_reads_back_its_payload_within_its_lifetime():
    token = signer_at(NOW).make(RESET_PASSWORD, {"u": 7, "v": 3})
    assert signer_at(NOW + 2 * 3600).read(RESET_PASSWORD, token) == {"u": 7, "v": 3}


@pytest.mark.parametrize(("purpose", "lifetime"), [(RESET_PASSWORD, 2 * 3600), (CONFIRM_EMAIL, 3 * 86400),
                                                    (INVITE, 14 * 86400)])
def test_a_token_expires_after_its_lifetime(purpose, lifetime):
    token = signer_at(NOW).make(purpose, {"u": 1})
    assert signer_at(NOW + lifetime).read(purpose, token) == {"u": 1}
    with pytest.raises(LinkExpired):
        signer_at(NOW + lifetime + 1).read(purpose, token)


def test_a_token_for_one_purpose_is_refused_for_another():
    token = signer_at(NOW).make(CONFIRM_EMAIL, {"u": 1})
    with pytest.raises(LinkInvalid):
        signer_at(NOW).read(RESET_PASSWORD, token)


@pytest.mark.parametrize("tamper", [lambda t: t[:-2] + ("AA" if not t.endswith("AA") else "BB"),
                                    lambda t: "x" + t, lambda t: "", lambda t: "not-a-token"])
def test_tampered_tokens_are_refused(tamper):
    token = signer_at(NOW).make(CONFIRM_EMAIL, {"u": 1})
    with pytest.raises(LinkInvalid):
        signer_at(NOW).read(CONFIRM_EMAIL, tamper(token))


def test_a_token_signed_with_another_key_is_refused():
    token = signer_at(NOW, key="a" * 32).make(CONFIRM_EMAIL, {"u": 1})
    with pytest.raises(LinkInvalid):
        signer_at(NOW, key="b" * 32).read(CONFIRM_EMAIL, token)
