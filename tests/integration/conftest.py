"""No template sends SQL: every page's service loads what its template shows.

Every integration test runs with the guard below. It listens to the rendering signals of every
app (templates rendered by views, by mail inside services, and by streamed responses, which
render after the view has returned but still in this thread) and to the statements of every
engine (the app's and the public page's), and fails on the first statement sent while a
template renders.
"""

import threading

import pytest
from flask import before_render_template, request_tearing_down, template_rendered
from sqlalchemy import event
from sqlalchemy.engine import Engine


class SQLWhileRendering(AssertionError):
    pass


class _RenderingGuard:
    def __init__(self):
        self.offences: list[str] = []
        self._rendering = threading.local()

    def _stack(self) -> list[str]:
        if not hasattr(self._rendering, "templates"):
            self._rendering.templates = []
        return self._rendering.templates

    def before_render(self, sender, template, context, **extra):
        self._stack().append(template.name or "a template from a string")

    def rendered(self, sender, template, context, **extra):
        if self._stack():
            self._stack().pop()

    def request_ended(self, sender, **extra):
        # A template that raised never sent template_rendered: its request is over all the same.
        self._stack().clear()

    def before_cursor_execute(self, conn, cursor, statement, parameters, context, executemany):
        templates = self._stack()
        if templates:
            offence = f"{templates[-1]} sent SQL while rendering: {' '.join(statement.split())}"
            self.offences.append(offence)
            templates.clear()  # the page fails here; the rollback that follows is not its doing
            raise SQLWhileRendering(offence)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.call_failed = report.failed
    return report


@pytest.fixture(autouse=True)
def no_sql_while_rendering(request):
    guard = _RenderingGuard()
    before_render_template.connect(guard.before_render)
    template_rendered.connect(guard.rendered)
    request_tearing_down.connect(guard.request_ended)
    # Listening on the Engine class hears every engine, those made before and after.
    event.listen(Engine, "before_cursor_execute", guard.before_cursor_execute)
    try:
        yield guard
    finally:
        event.remove(Engine, "before_cursor_execute", guard.before_cursor_execute)
        request_tearing_down.disconnect(guard.request_ended)
        template_rendered.disconnect(guard.rendered)
        before_render_template.disconnect(guard.before_render)
    # Raised inside the page, the error may have been caught on its way out (a mail that could
    # not be sent is logged, not shown): the test fails all the same.
    if guard.offences and not getattr(request.node, "call_failed", False):
        pytest.fail(guard.offences[0], pytrace=False)
