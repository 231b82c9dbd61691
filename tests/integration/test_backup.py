"""backup and restore: the demo scheme, backed up and restored into an empty database, comes
back row for row, on SQLite and on PostgreSQL."""

import pytest
import sqlalchemy as sa
from flask_migrate import upgrade

from scheme.extensions import db
from tests.conftest import app_on_fresh_database


@pytest.fixture(scope="module")
def demo_app():
    with app_on_fresh_database() as app:
        with app.app_context():
            upgrade()
            result = app.test_cli_runner().invoke(args=["demo-data"])
            assert result.exit_code == 0, result.output
            db.session.remove()
        yield app


@pytest.fixture
def empty_app():
    with app_on_fresh_database() as app:
        yield app


def _every_row(app) -> dict[str, list[tuple]]:
    with app.app_context(), db.engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        return {
            name: [tuple(row) for row in connection.execute(
                sa.select(table).order_by(*(table.primary_key.columns or table.columns)))]
            for name, table in sorted(metadata.tables.items())
        }


def _cli(app, *args):
    with app.app_context():
        result = app.test_cli_runner().invoke(args=list(args))
        db.session.remove()
    return result


def test_a_backup_restored_into_an_empty_database_holds_every_row(demo_app, empty_app, tmp_path):
    backup_file = tmp_path / "scheme.backup"
    result = _cli(demo_app, "backup", str(backup_file))
    assert result.exit_code == 0, result.output
    result = _cli(empty_app, "restore", str(backup_file))
    assert result.exit_code == 0, result.output

    original, restored = _every_row(demo_app), _every_row(empty_app)
    assert restored.keys() == original.keys()
    for table in original:
        assert restored[table] == original[table], table
    assert sum(len(rows) for rows in original.values()) > 1000  # the whole demo scheme, not an empty shell
    assert _cli(empty_app, "verify-audit-log").exit_code == 0


def test_restore_will_not_overwrite_a_database_that_holds_data(demo_app, tmp_path):
    backup_file = tmp_path / "scheme.backup"
    assert _cli(demo_app, "backup", str(backup_file)).exit_code == 0
    before = _every_row(demo_app)
    result = _cli(demo_app, "restore", str(backup_file))
    assert result.exit_code == 1
    assert "already holds data" in result.output
    assert _every_row(demo_app) == before


def test_restore_refuses_a_file_that_is_not_a_backup(empty_app, tmp_path):
    not_a_backup = tmp_path / "notes.txt"
    not_a_backup.write_text("shopping list\n" * 200)
    result = _cli(empty_app, "restore", str(not_a_backup))
    assert result.exit_code == 1
    assert "Error:" in result.output


def test_restore_names_a_missing_file(empty_app, tmp_path):
    result = _cli(empty_app, "restore", str(tmp_path / "nowhere.backup"))
    assert result.exit_code == 1
    assert "There is no backup file" in result.output


def _rows_by_column(app) -> dict[str, list[dict]]:
    with app.app_context(), db.engine.connect() as connection:
        metadata = sa.MetaData()
        metadata.reflect(bind=connection)
        return {
            name: [dict(row._mapping) for row in connection.execute(
                sa.select(table).order_by(*(table.primary_key.columns or table.columns)))]
            for name, table in metadata.tables.items() if name != "alembic_version"
        }


def test_migrations_go_down_to_the_first_schema_and_up_again_without_losing_a_row(demo_app):
    """Every downgrade runs on a database full of data, and all that the first schema holds
    comes back unchanged after the upgrades."""
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade

    with demo_app.app_context():
        first = ScriptDirectory.from_config(demo_app.extensions["migrate"].migrate.get_config()).get_base()
        downgrade(revision=first)
        db.session.remove()
    at_first = _rows_by_column(demo_app)
    with demo_app.app_context():
        upgrade()
        db.session.remove()
    after = _rows_by_column(demo_app)
    # Text columns a later migration replaced with a row of their own (a premises' and a print
    # batch's area became a row of the areas list): the text is now that row's name.
    area_names = {row["id"]: row["name"] for row in after["area"]}
    for table in ("premises", "sticker_batch"):
        for row in after[table]:
            row["area"] = area_names.get(row["area_id"], "")

    assert sum(len(rows) for rows in at_first.values()) > 1000
    for table, rows in at_first.items():
        assert len(after[table]) == len(rows), table
        for old, new in zip(rows, after[table]):
            assert {column: new[column] for column in old} == old, table
    assert _cli(demo_app, "verify-audit-log").exit_code == 0  # the chain is rebuilt the same
