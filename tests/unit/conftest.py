"""Unit tests check rules on plain values: no database, and quick.

A unit test that opens a session or connects an engine fails at once; one whose body uses
more CPU time than the budget fails too (Hypothesis tests aside: they run many examples on
purpose). CPU time, not the clock: a busy machine must not fail a quick test.
A test that needs either belongs in tests/integration.
"""

import time

import pytest
import sqlalchemy as sa
import sqlalchemy.orm

SLOW_TEST_SECONDS = 1.0
_CPU_SECONDS = pytest.StashKey[float]()


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
def pytest_runtest_call(item):
    start = time.process_time()
    try:
        return (yield)
    finally:
        item.stash[_CPU_SECONDS] = time.process_time() - start


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    used = item.stash.get(_CPU_SECONDS, 0.0)
    if report.when == "call" and report.passed and used > SLOW_TEST_SECONDS and not _is_hypothesis_test(item):
        report.outcome = "failed"
        report.longrepr = (f"{item.nodeid} took {used:.2f} s of CPU time; a unit test has "
                           f"{SLOW_TEST_SECONDS:.0f} s. Make it faster, or move it to tests/integration.")
    return report
