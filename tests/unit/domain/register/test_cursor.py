import pytest

from scheme.domain.register.cursor import InvalidCursor, Position, decode, encode
from scheme.domain.register.status import PublicStatus, public_status
from scheme.domain.certificates.state import CertificateState


@pytest.mark.parametrize("position", [Position("the horn hotel", "0123456789"), Position("café ünïcode", "ABCDEFGHJK")])
def test_a_cursor_comes_back_as_the_position_it_was_made_from(position):
    assert decode(encode(position)) == position


@pytest.mark.parametrize("cursor", ["", "!!!", "bm90IGpzb24", "WyJhIl0", "WzEsMl0", "WyIiLCJ4Il0", "x" * 1001,
                                    "WyJhXHUwMDAwIiwieCJd"])
def test_anything_else_is_refused(cursor):
    with pytest.raises(InvalidCursor):
        decode(cursor)


@pytest.mark.parametrize(("state", "expected"), [
    (CertificateState.VALID, "accredited"), (CertificateState.SUSPENDED, "suspended"),
    (CertificateState.REVOKED, "revoked"), (CertificateState.EXPIRED, "expired"),
    (CertificateState.SUPERSEDED, "superseded"), (None, "unknown"),
])
def test_every_certificate_state_has_its_own_machine_status(state, expected):
    assert public_status(state) == PublicStatus(expected)
