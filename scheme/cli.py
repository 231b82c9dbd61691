"""Command-line tasks: flask --app scheme <command>."""

import sys
from pathlib import Path

import click
from flask import Flask

from scheme.domain.accounts import users
from scheme.domain.errors import DomainError
from scheme.enums import STAFF_ROLES, Role


def _read_password() -> str:
    if sys.stdin.isatty():
        return click.prompt("Password", hide_input=True, confirmation_prompt=True)
    # Piped: the first line is the password, an optional second line its confirmation.
    lines = sys.stdin.read().splitlines()
    if not lines:
        raise click.ClickException("No password given on standard input")
    if len(lines) > 1 and lines[1] != lines[0]:
        raise click.ClickException("The two passwords do not match")
    return lines[0]


@click.command("create-user")
@click.option("--email", required=True)
@click.option("--name", required=True)
@click.option("--role", required=True, type=click.Choice([role.value for role in STAFF_ROLES]))
def create_user_command(email: str, name: str, role: str) -> None:
    """Create an admin or officer account; asks for the password."""
    password = _read_password()
    try:
        user = users.create_user(email=email, name=name, password=password, role=Role(role))
    except DomainError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Created {user.role.value} {user.email}")


@click.command("demo-data")
def demo_data_command() -> None:
    """Load a realistic demo scheme (safe to run again)."""
    from scheme.demo import load_demo_data

    for line in load_demo_data():
        click.echo(line)


@click.command("send-mail")
@click.option("--retry-now", is_flag=True,
              help="Retry failed emails now instead of waiting for their delay (once the mail server is back).")
def send_mail_command(retry_now: bool) -> None:
    """Deliver emails waiting in the outbox (and retry failed ones whose delay has passed)."""
    from scheme.domain.mail import deliver_all_due

    sent, failed = deliver_all_due(retry_now=retry_now)
    click.echo(f"Sent {sent}, failed {failed}")
    if failed:
        sys.exit(1)


@click.command("verify-audit-log")
def verify_audit_log_command() -> None:
    """Check the audit log's hash chain; name the first altered, inserted or missing entry."""
    from scheme.domain.audit_log import verify_chain

    report = verify_chain()
    if report.problem:
        click.echo(f"The audit log has been tampered with: {report.problem.explanation}.", err=True)
        sys.exit(1)
    click.echo(f"The audit log is intact: {report.entries} entries, head {report.head_sequence} {report.head_hash}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
def backup_command(file: Path) -> None:
    """Write a consistent copy of the live database to FILE (safe while the app runs)."""
    from scheme.backup import BackupError, backup

    try:
        backup(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Backed up the database to {file}")


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--replace", is_flag=True, help="Replace a database that already holds data.")
def restore_command(file: Path, replace: bool) -> None:
    """Put the backup in FILE back as the database. Stop the app first."""
    from scheme.backup import BackupError, holds_data, restore

    if holds_data() and not replace:
        raise click.ClickException("This database already holds data: restoring would replace all of it. "
                                   "Run again with --replace if that is what you want.")
    try:
        restore(file)
    except BackupError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"Restored the database from {file}")


@click.command("generate-load-data")
@click.option("--premises", "premises_count", required=True, type=click.IntRange(min=1),
              help="How many premises to add")
@click.option("--seed", default=2026, show_default=True, help="The same seed makes the same scheme")
def generate_load_data_command(premises_count: int, seed: int) -> None:
    """Add a large, realistic scheme (bulk inserts) for measuring the service at scale."""
    import time

    from scheme.demo import load_reference_data
    from scheme.domain import clock
    from scheme.domain.load_data import generate_load_data

    started = time.perf_counter()
    load_reference_data()
    added = generate_load_data(premises_count, clock.today(), seed)
    click.echo(", ".join(f"{count} {table}" for table, count in added.items()))
    click.echo(f"Added {premises_count} premises in {time.perf_counter() - started:.1f} s")


@click.command("send-reminders")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to send reminders for (default: today), to test or to catch up after an outage.")
def send_reminders_command(today) -> None:
    """Queue the reminders due today, each once, one email per person (safe to run hourly),
    and tell the business and officers of each premises that has fallen out of readiness as
    days passed (at risk, or suspended pending checks), once.

    The emails wait in the outbox for send-mail."""
    from scheme.domain import clock
    from scheme.domain.premises.readiness import send_due_notices_unless_busy
    from scheme.domain.reminders import send_reminders

    day = today.date() if today else clock.today()
    # On that day, so that whatever a write works out meanwhile is worked out for it too.
    with clock.on(day):
        told = send_due_notices_unless_busy(day)
        if told is None:
            click.echo("Readiness notices left for the next run: the database was busy")
        else:
            click.echo(f"Told the business and officers of {told} premises at risk or suspended pending checks")
        result = send_reminders(day)
    click.echo(f"Queued {result.emails} reminder email{'s' if result.emails != 1 else ''} "
               f"({result.items} item{'s' if result.items != 1 else ''})")
    if result.lost_races:
        click.echo(f"{result.lost_races} {'person was' if result.lost_races == 1 else 'people were'} "
                   "being reminded by another run at the same moment: left to it")
    if result.busy:
        click.echo(f"{result.busy} left for the next run: the database was busy")


@click.command("keep-figures")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to keep the closed months as of (default: today).")
def keep_figures_command(today) -> None:
    """Keep the figures of each closed month (of the 12 the figures page shows) not kept yet,
    as they stand now: safe daily, again, and twice at once."""
    from scheme.domain import clock
    from scheme.domain.register.statistics import keep_closed_months

    kept = keep_closed_months(today.date() if today else clock.today())
    click.echo(f"Kept the figures of {kept} closed month{'s' if kept != 1 else ''}" if kept
               else "Every closed month's figures were kept already")


@click.command("refresh-readiness")
def refresh_readiness_command() -> None:
    """Work out every premises' readiness from scratch and keep it (once, after an upgrade or a
    bulk load; every change through the service keeps it up to date by itself)."""
    from scheme.domain import clock
    from scheme.domain.premises.readiness import recompute_every_premises

    click.echo(f"Readiness worked out for {recompute_every_premises(clock.today())} premises")


@click.command("apply-retention")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The day to apply the retention periods as of (default: today).")
def apply_retention_command(today) -> None:
    """Erase what the privacy notice says is kept no longer (safe to run from cron)."""
    from scheme.domain import clock, settings
    from scheme.domain.personal_data.retention import apply_retention

    result = apply_retention(today.date() if today else clock.today(), settings.load())
    click.echo(f"Erased {result.staff_erased} leavers' names ({result.files_erased} certificate files) "
               f"and the text of {result.email_texts_erased} old emails")


def init_app(app: Flask) -> None:
    for command in (create_user_command, demo_data_command, send_mail_command, verify_audit_log_command,
                    backup_command, restore_command, generate_load_data_command, apply_retention_command,
                    refresh_readiness_command, keep_figures_command,
                    send_reminders_command):
        app.cli.add_command(command)
