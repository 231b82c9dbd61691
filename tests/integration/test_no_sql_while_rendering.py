"""The guard in tests/integration/conftest.py hears what a template sends, on every engine."""

import pytest
from flask import Response, render_template_string, stream_with_context
from sqlalchemy import text

from scheme.database import PUBLIC_PAGE
from scheme.extensions import db
from tests.conftest import make_test_app
from tests.integration.conftest import SQLWhileRendering


def _select_one(engine) -> int:
    with engine.connect() as connection:
        return connection.execute(text("SELECT 1")).scalar_one()


@pytest.mark.parametrize("bind", [None, PUBLIC_PAGE])
def test_a_statement_sent_while_a_template_renders_fails_the_test(app, no_sql_while_rendering, bind):
    engine = db.engines[bind]
    with pytest.raises(SQLWhileRendering, match="a template from a string sent SQL while rendering"):
        render_template_string("{{ select_one() }}", select_one=lambda: _select_one(engine))
    assert len(no_sql_while_rendering.offences) == 1
    no_sql_while_rendering.offences.clear()  # this test's offence is the one it expects


def test_statements_before_and_after_rendering_are_allowed(app, no_sql_while_rendering):
    value = _select_one(db.engine)
    assert render_template_string("{{ value }}", value=value) == "1"
    assert _select_one(db.engines[PUBLIC_PAGE]) == 1
    assert no_sql_while_rendering.offences == []


def test_a_template_rendered_while_a_response_streams_is_heard_too(database_url, no_sql_while_rendering):
    app = make_test_app(database_url)

    @app.route("/_streamed", endpoint="streamed")
    def streamed():
        def chunks():
            # Rendered after the view has returned, as the batch of certificates is.
            yield render_template_string("{{ select_one() }}", select_one=lambda: _select_one(db.engine))

        return Response(stream_with_context(chunks()))

    streamed.access = "public"
    with pytest.raises(SQLWhileRendering, match="a template from a string sent SQL while rendering"):
        app.test_client().get("/_streamed").get_data()
    no_sql_while_rendering.offences.clear()
