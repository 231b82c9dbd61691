"""tests/unit/conftest.py fails a unit test that reaches the database or runs over its budget."""

import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

UNIT_CONFTEST = Path(__file__).parents[1] / "unit" / "conftest.py"

UNIT_TESTS = '''
import time

import sqlalchemy as sa
from hypothesis import given, settings, strategies as st

from flask_sqlalchemy import SQLAlchemy
from flask import Flask


def test_connects_an_engine():
    sa.create_engine("sqlite://").connect()


def test_queries_through_a_session():
    with sa.orm.Session(sa.create_engine("sqlite://")) as session:
        session.execute(sa.text("select 1"))


def test_uses_flask_sqlalchemy():
    app = Flask(__name__)
    app.config["SQLALCHEMY_DATABASE_URI"] = "sqlite://"
    db = SQLAlchemy(app)
    with app.app_context():
        try:
            db.session.execute(sa.text("select 1"))
        except Exception:
            pass  # the guard cannot be swallowed


def test_is_slow():
    started = time.process_time()
    while time.process_time() - started < 1.2:
        pass


def test_waits_but_works_little():
    time.sleep(1.2)


@settings(max_examples=15, deadline=None, database=None)
@given(st.integers())
def test_is_a_slow_hypothesis_test(number):
    time.sleep(0.1)


def test_is_quick_and_pure():
    assert sorted([3, 1, 2]) == [1, 2, 3]
'''


def test_unit_tests_cannot_reach_the_database_and_have_a_time_budget(tmp_path):
    shutil.copy(UNIT_CONFTEST, tmp_path / "conftest.py")
    (tmp_path / "test_guarded.py").write_text(UNIT_TESTS)
    report = tmp_path / "report.xml"

    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", f"--junitxml={report}", str(tmp_path)],
        cwd=tmp_path, capture_output=True, text=True, timeout=120,
    )

    failures = {case.get("name"): (case.find("failure").get("message") if case.find("failure") is not None else None)
                for case in ElementTree.parse(report).iter("testcase")}
    assert "test_is_slow took 1.2" in (failures.pop("test_is_slow") or "")
    assert failures.pop("test_waits_but_works_little") is None
    refused = "Failed: Unit tests cannot reach the database: move this test to tests/integration"
    assert failures == {
        "test_connects_an_engine": refused,
        "test_queries_through_a_session": refused,
        "test_uses_flask_sqlalchemy": refused,
        "test_is_a_slow_hypothesis_test": None,
        "test_is_quick_and_pure": None,
    }
