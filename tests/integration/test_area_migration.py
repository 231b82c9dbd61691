"""The migration that brought areas in: every distinct area typed becomes one area, after
folding case, spaces, apostrophes and punctuation, named by its most common spelling; and
downgrading writes the names back as text. On SQLite and PostgreSQL."""

from datetime import datetime, timezone

import pytest
import sqlalchemy as sa
from flask_migrate import downgrade, upgrade

from scheme.extensions import db
from tests.conftest import app_on_fresh_database

BEFORE = "034828c02b17"
AREAS = "c4a7e1d9b352"
TYPED = ["Galley's Corner", "Galley's Corner", "Galleys Corner", "galleys  corner", "Galley’s Corner.",
         "Bocking", "BOCKING", "Great Notley"]


@pytest.fixture
def old_app():
    with app_on_fresh_database() as app:
        yield app


def _insert_typed_areas() -> None:
    now = datetime(2026, 11, 1, tzinfo=timezone.utc)
    premises = sa.table("premises", *(sa.column(name) for name in (
        "id", "public_id", "name", "trading_name", "premises_type", "address_line_1", "address_line_2", "town",
        "postcode", "area", "phone", "email", "staff_count", "opening_hours", "open_at_night", "home_based",
        "lead_phone", "lead_email", "status", "officer_message", "created_at", "updated_at")))
    for n, area in enumerate(TYPED, start=1):
        db.session.execute(premises.insert().values(
            id=n, public_id=f"P{n:05d}", name=f"Premises {n}", trading_name="", premises_type="hotel",
            address_line_1="1 High Street", address_line_2="", town="Braintree", postcode="CM7 1JX", area=area,
            phone="", email="", staff_count=1, opening_hours="", open_at_night=False, home_based=False,
            lead_phone="", lead_email="", status="draft", officer_message="", created_at=now, updated_at=now))
    db.session.execute(sa.text(
        "INSERT INTO sticker_batch (id, kind, area, printed_at, sticker_count) VALUES "
        "(1, 'area', 'galleys corner', :now, 0), (2, 'single', '', :now, 1)"), {"now": now})
    db.session.commit()


def test_typed_areas_become_one_area_each_and_come_back_as_text(old_app):
    with old_app.app_context():
        upgrade(revision=BEFORE)
        _insert_typed_areas()
        upgrade(revision=AREAS)
        areas = dict(db.session.execute(sa.text("SELECT id, name FROM area ORDER BY name")).all())
        assert sorted(areas.values()) == ["Bocking", "Galley's Corner", "Great Notley"]
        premises = dict(db.session.execute(sa.text(
            "SELECT premises.id, area.name FROM premises JOIN area ON area.id = premises.area_id")).all())
        assert premises == {1: "Galley's Corner", 2: "Galley's Corner", 3: "Galley's Corner", 4: "Galley's Corner",
                            5: "Galley's Corner", 6: "Bocking", 7: "Bocking", 8: "Great Notley"}
        batches = dict(db.session.execute(sa.text("SELECT id, area_id FROM sticker_batch")).all())
        assert areas[batches[1]] == "Galley's Corner" and batches[2] is None
        db.session.remove()

        downgrade(revision=BEFORE)
        assert dict(db.session.execute(sa.text("SELECT id, area FROM premises")).all()) == {
            n: premises[n] for n in premises}
        assert dict(db.session.execute(sa.text("SELECT id, area FROM sticker_batch")).all()) == {
            1: "Galley's Corner", 2: ""}
        db.session.remove()
