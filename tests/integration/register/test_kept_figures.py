"""Each closed month's figures are kept once the month is over, and keeping changes none of
them: what is kept is what working the month out from the records gives on that day, for
every scope; keeping again changes nothing; a month not kept is worked out and kept; and the
figures page costs the same statements at any size of scheme."""

import threading
from datetime import date, timedelta

import sqlalchemy as sa
from flask_migrate import upgrade
from sqlalchemy.pool import NullPool

from scheme.demo import load_reference_data
from scheme.domain.load_data import generate
from scheme.domain.register import statistics
from scheme.domain.register.entries import areas_known
from scheme.enums import PremisesType
from scheme.extensions import db
from scheme.domain.training import compliance
from scheme.models import KeptMonth, KeptMonthFigures, Premises
from tests.concurrency import run_at_once
from tests.conftest import make_test_app
from tests.databases import fresh_database
from tests.integration.officer.test_statements_at_scale import _statements

TODAY = date.today()


def _scheme(premises: int = 60, seed: int = 3) -> None:
    load_reference_data()
    generate(premises, TODAY, seed=seed)
    db.session.commit()


def _scopes() -> list[statistics.Scope]:
    area = areas_known()[0]
    busiest = max(PremisesType, key=lambda t: statistics.snapshot(TODAY, statistics.Scope(premises_type=t)).accredited)
    return [statistics.Scope(), statistics.Scope(area=area), statistics.Scope(premises_type=busiest),
            statistics.Scope(area=area, premises_type=busiest)]


def _kept_rows() -> list[tuple]:
    return [tuple(row) for row in db.session.execute(
        sa.select(*[c for c in KeptMonthFigures.__table__.c if c.name != "id"]).order_by(
            KeptMonthFigures.month, KeptMonthFigures.area_id, KeptMonthFigures.premises_type))]


def test_the_kept_months_are_the_figures_worked_out_from_the_records(app):
    _scheme()
    scopes = _scopes()
    worked_out = {scope: statistics.month_by_month_worked_out(TODAY, 12, scope) for scope in scopes}
    everything = worked_out[statistics.Scope()]
    # Months with something in them: premises accredited, staff trained, test visits.
    assert sum(1 for m in everything if m.accredited and m.staff_trained and m.staff_active) >= 6
    assert sum(m.test_visits for m in everything) > 0 and everything[0].scans > 0

    assert statistics.keep_closed_months(TODAY) == 11
    assert db.session.scalar(sa.select(sa.func.count()).select_from(KeptMonth)) == 11
    for scope in scopes:
        assert statistics.month_by_month(TODAY, 12, scope) == worked_out[scope], scope
    # The CSV's reading of every scope at once says the same.
    for scope, months in statistics.month_by_month_for(scopes, TODAY, 12):
        assert months == worked_out[scope], scope
    # Today's figures, worked out in the database, are those the records give in Python.
    for scope in scopes:
        now, months = statistics.figures_page(TODAY, 12, scope)
        assert months[0] == worked_out[scope][0], scope
        assert now.by_state == statistics.snapshot(TODAY, scope).by_state


def test_keeping_again_or_twice_changes_nothing(app, runner):
    _scheme(30)
    first = runner.invoke(args=["keep-figures"])
    assert first.exit_code == 0 and "Kept the figures of 11 closed months" in first.output
    kept = _kept_rows()
    assert kept
    again = runner.invoke(args=["keep-figures"])
    assert again.exit_code == 0 and "kept already" in again.output
    assert statistics.keep_closed_months(TODAY) == 0
    statistics.figures_page(TODAY, 12, statistics.Scope())
    assert _kept_rows() == kept


def test_a_month_not_kept_is_worked_out_and_kept(app, officer_client):
    _scheme(30)
    # A fresh install: the page itself keeps every closed month it shows.
    assert officer_client.get("/officer/figures").status_code == 200
    kept = _kept_rows()
    assert db.session.scalar(sa.select(sa.func.count()).select_from(KeptMonth)) == 11
    # A missed run: the month is worked out again, and is the same.
    missed = (TODAY.replace(day=1) - timedelta(days=1)).replace(day=1)
    db.session.execute(sa.delete(KeptMonthFigures).where(KeptMonthFigures.month == missed))
    db.session.execute(sa.delete(KeptMonth).where(KeptMonth.month == missed))
    db.session.commit()
    statistics.month_by_month(TODAY)
    assert _kept_rows() == kept


def test_a_kept_month_stands_as_it_was_when_it_closed(app):
    _scheme(30)
    statistics.keep_closed_months(TODAY)
    kept = statistics.month_by_month(TODAY)
    # Premises that joined months ago, entered since: the records now tell a longer past.
    generate(30, TODAY, seed=4)
    db.session.commit()
    now = statistics.month_by_month(TODAY)
    assert now[1:] == kept[1:]
    assert statistics.month_by_month_worked_out(TODAY)[1:] != kept[1:]
    assert now[0] != kept[0] and now[0] == statistics.month_by_month_worked_out(TODAY)[0]


def test_the_figures_page_words_the_kept_months(officer_client, app):
    _scheme(20)
    text = " ".join(officer_client.get("/officer/figures").get_data(as_text=True).split())
    assert "as they stood when the month closed" in text


def test_the_figures_cost_the_same_statements_at_any_size(officer_client):
    _scheme(20, seed=1)
    paths = ["/officer/figures", f"/officer/figures?area={areas_known()[0]}", "/officer/figures?type=pub",
             "/officer/figures.csv", "/api/v1/statistics"]
    for path in paths:  # the first visit keeps the closed months
        officer_client.get(path)
    small = {path: _statements(officer_client, path)[0] for path in paths}
    generate(180, TODAY, seed=2)
    db.session.commit()
    officer_client.get("/officer/figures.csv")  # the signed-in officer is read again after the commit
    large = {path: _statements(officer_client, path)[0] for path in paths}
    assert large == small
    assert max(small.values()) <= 12


def test_two_runs_at_once_keep_each_month_once(monkeypatch):
    with fresh_database() as url:
        app = make_test_app(url, SQLALCHEMY_ENGINE_OPTIONS={"poolclass": NullPool})
        with app.app_context():
            upgrade()
            _scheme(20)
            db.session.remove()
        # Both runs work every month out before either keeps one, so they race for each.
        both_have_worked_out = threading.Barrier(2)
        keep = statistics._keep

        def keep_after_the_other_has_looked(worked_out, today):
            both_have_worked_out.wait(timeout=60)
            return keep(worked_out, today)

        monkeypatch.setattr(statistics, "_keep", keep_after_the_other_has_looked)
        _results, errors = run_at_once(app, lambda: statistics.keep_closed_months(TODAY))
        assert not errors
        monkeypatch.setattr(statistics, "_keep", keep)
        with app.app_context():
            assert db.session.scalar(sa.select(sa.func.count()).select_from(KeptMonth)) == 11
            rows = _kept_rows()
            assert len(rows) == len(set(rows))
            assert statistics.month_by_month(TODAY)[1:] == statistics.month_by_month_worked_out(TODAY)[1:]
            db.session.remove()
        from tests.conftest import dispose_app_engines

        dispose_app_engines(app)


def test_the_staff_figures_kept_on_each_premises_are_those_its_staff_give(app):
    """Today's staff-trained figure adds up each premises' kept staff figures where they hold
    on the day, and counts the staff rows where they do not: either way, what the staff rows
    say, on today and on days with no write since."""
    _scheme(40)
    cell_of = {row.id: (row.area_id, row.premises_type) for row in db.session.execute(
        sa.select(Premises.id, Premises.area_id, Premises.premises_type))}
    kept = db.session.execute(sa.select(Premises.staff_figures_on, Premises.staff_figures_until)
                              .where(Premises.staff_figures_on.is_not(None))).all()
    assert kept and any(until is not None for _, until in kept)
    for day in (TODAY, TODAY + timedelta(days=30), TODAY + timedelta(days=400), TODAY - timedelta(days=10)):
        expected: dict = {}
        for premises_id, (trained, active) in compliance.kept_staff_figures_by_premises(day).items():
            was = expected.get(cell_of[premises_id], (0, 0))
            expected[cell_of[premises_id]] = (was[0] + trained, was[1] + active)
        grouped = compliance.kept_staff_figures_grouped(day, Premises.area_id, Premises.premises_type)
        assert grouped == {key: counts for key, counts in expected.items() if counts[1]}, day
