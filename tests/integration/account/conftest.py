import re

import pytest


@pytest.fixture
def read_link():
    """The first link to this service in an email that arrived at the local SMTP server."""

    def read(message) -> str:
        body = message.get_body(("plain",)).get_content()
        match = re.search(r"http://scheme\.test(/\S+)", body)
        assert match, f"no link in: {body}"
        return match.group(1)

    return read
