"""Unit tests check rules on plain values: no database, and quick.

A unit test that opens a session or connects an engine fails at once; one whose body takes
longer than the budget fails too (Hypothesis tests aside: they run many examples on purpose).
A test that needs either belongs in tests/integration.
"""

import pytest
import sqlalchemy as sa
import sqlalchemy.orm

SLOW_TEST_SECONDS = 1.0


def _refuse_the_database(*args, **kwargs):
    # pytest.fail raises an exception that `except Exception` in the code under test cannot swallow.
    pytest.fail("Unit tests cannot reach the database: move this test to tests/integration", pytrace=True)


@pytest.fixture(autouse=True)
def _no_database(monkeypatch):
    monkeypatch.setattr(sa.orm.Session, "__init__", _refuse_the_database)
    monkeypatch.setattr(sa.engine.Engine, "connect", _refuse_the_database)
    monkeypatch.setattr(sa.engine.Engine, "raw_connection", _refuse_the_database)


def _is_hypothesis_test(item) -> bool:
    return item.get_closest_marker("hypothesis") is not None or \
        getattr(getattr(item, "obj", None), "is_hypothesis_test", False)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call" and report.passed and report.duration > SLOW_TEST_SECONDS \
            and not _is_hypothesis_test(item):
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} took {report.duration:.2f} s; a unit test has "
                           f"{SLOW_TEST_SECONDS:.0f} s. Make it faster, or move it to tests/integration.")
    return report
