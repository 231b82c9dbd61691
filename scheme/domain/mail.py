"""Email through an outbox: written in the transaction that caused it, delivered after."""

import smtplib
import sys
from datetime import datetime, timedelta
from email.message import EmailMessage

from flask import current_app, render_template
from jinja2 import TemplateNotFound

from scheme.domain import settings
from scheme.domain.transaction import after_commit
from scheme.extensions import db
from scheme.models import OutboxMessage, Reminder
from scheme.models.base import utcnow

# A failed delivery is tried again after a delay that doubles each time, up to a cap, so a
# mail server down for a day is retried every hour and everything goes once it is back.
FIRST_RETRY_DELAY = timedelta(minutes=2)
LONGEST_RETRY_DELAY = timedelta(hours=1)


def retry_delay(attempts: int) -> timedelta:
    """How long to wait after the attempts-th failed attempt (1, 2, ...)."""
    if attempts <= 0:
        return timedelta(0)
    return min(FIRST_RETRY_DELAY * 2 ** min(attempts - 1, 20), LONGEST_RETRY_DELAY)


def queue_email(to: str, template: str, *, premises_id: int | None = None, send_now: bool = True,
                **context) -> OutboxMessage:
    """Write an email to the outbox in the current transaction; send it after commit.

    The one place that builds a message: template names templates/email/<template>.txt (and
    .html when it exists), whose first line is "Subject: ..."; every email then ends with the
    scheme's contact details and is answered at the scheme's contact address (Reply-To).
    premises_id files it in that premises' message history. send_now=False leaves it for
    send-mail (reminders, which are many and not urgent).
    """
    contact = settings.contact()  # read before rendering: templates never query
    context = {"contact": contact, **context}
    text = render_template(f"email/{template}.txt", **context)
    subject_line, _, text_body = text.partition("\n")
    text_body = text_body.strip("\n") + "\n\n" + render_template("email/_contact.txt", contact=contact).strip() + "\n"
    try:
        html_body = render_template(f"email/{template}.html", **context)
    except TemplateNotFound:  # the HTML part is optional
        html_body = ""
    message = OutboxMessage(
        to=to,
        subject=subject_line.removeprefix("Subject:").strip(),
        text_body=text_body,
        html_body=html_body,
        reply_to=contact.email,
        template=template,
        premises_id=premises_id,
    )
    db.session.add(message)
    db.session.flush()
    if send_now:
        message_id = message.id
        after_commit(lambda: _try_now(message_id))
    return message


def _try_now(message_id: int) -> None:
    # The change that queued the message has committed: whatever goes wrong here must not
    # turn that success into an error page. The message waits in the outbox for send-mail.
    try:
        deliver_pending(only_ids=[message_id])
    except Exception:
        db.session.rollback()
        current_app.logger.exception("Could not try to send email %s now; it stays in the outbox", message_id)


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
    if message.reply_to:
        email["Reply-To"] = message.reply_to
    email.set_content(message.text_body)
    if message.html_body:
        email.add_alternative(message.html_body, subtype="html")
    return email


def _send(email: EmailMessage) -> None:
    config = current_app.config
    if not config["MAIL_SERVER"]:
        # Development without a mail server: show the message on the console instead.
        # Printed as readable text (not the encoded message), so links can be copied from it.
        body = email.get_body(("plain",)).get_content()
        print(f"\n----- email -----\nTo: {email['To']}\nSubject: {email['Subject']}\n\n{body}\n-----------------",
              file=sys.stderr, flush=True)
        return
    with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=10) as smtp:
        if config["MAIL_USE_TLS"]:
            smtp.starttls()
        if config["MAIL_USERNAME"]:
            smtp.login(config["MAIL_USERNAME"], config["MAIL_PASSWORD"])
        smtp.send_message(email)


def _refused_for_good(error: Exception) -> bool:
    # The server refused the address or the message itself (a 5xx answer): trying again
    # will not help. Connection failures and 4xx answers are worth another try.
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def _due(now: datetime, ignore_delay: bool):
    query = db.select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None))
    if not ignore_delay:
        query = query.where(db.or_(OutboxMessage.next_attempt_at.is_(None), OutboxMessage.next_attempt_at <= now))
    return query


def deliver_pending(only_ids: list[int] | None = None, limit: int = 100, *, now: datetime | None = None,
                    retry_now: bool = False) -> tuple[int, int]:
    """Try to send unsent messages that are due. Returns (sent, failed).

    A message that failed waits for its retry delay (retry_now: not), one refused for good
    is not tried again; neither holds up the others.
    """
    now = now or utcnow()
    # Messages named by id are tried whatever their delay: the attempt just after commit, or
    # a batch deliver_all_due has chosen.
    query = _due(now, retry_now or only_ids is not None).order_by(OutboxMessage.id).limit(limit)
    if only_ids is not None:
        query = query.where(OutboxMessage.id.in_(only_ids))
    sent = failed = 0
    sender = current_app.config["MAIL_DEFAULT_SENDER"]
    for message_id in db.session.scalars(query).all():
        # Locked while it is sent, so two app servers (or send-mail and the after-commit
        # attempt) never deliver the same message twice. SQLite has no row locks and needs none.
        message = db.session.scalar(
            db.select(OutboxMessage)
            .where(OutboxMessage.id == message_id, OutboxMessage.sent_at.is_(None))
            .with_for_update(skip_locked=True)
        )
        if message is None:
            db.session.rollback()
            continue
        message.attempts += 1
        try:
            _send(_build(message, sender))
        except (OSError, smtplib.SMTPException) as error:
            message.last_error = f"{type(error).__name__}: {error}"[:500]
            if _refused_for_good(error):
                message.failed_at = now
            else:
                message.next_attempt_at = now + retry_delay(message.attempts)
            failed += 1
        else:
            message.sent_at = utcnow()
            message.last_error = ""
            message.next_attempt_at = None
            sent += 1
        # Each message's outcome is recorded on its own, so one failure cannot undo a send.
        db.session.commit()
    return sent, failed


def deliver_all_due(*, now: datetime | None = None, retry_now: bool = False, batch: int = 100) -> tuple[int, int]:
    """deliver_pending in batches until nothing due is left, so a day's backlog goes in one
    run; each message is tried at most once per run."""
    sent = failed = 0
    tried: set[int] = set()
    while True:
        query = _due(now or utcnow(), retry_now).order_by(OutboxMessage.id).limit(batch)
        if tried:
            query = query.where(OutboxMessage.id.not_in(tried))
        ids = list(db.session.scalars(query))
        if not ids:
            return sent, failed
        tried.update(ids)
        batch_sent, batch_failed = deliver_pending(only_ids=ids, limit=batch, now=now)
        sent += batch_sent
        failed += batch_failed


def delivery_status(message: OutboxMessage) -> str:
    """What became of a message, in words for the history pages."""
    if message.sent_at is not None:
        return "Delivered to the mail server"
    if message.failed_at is not None:
        return "Failed: the address was refused"
    if message.attempts:
        return f"Not delivered yet: {message.attempts} attempt{'s' if message.attempts != 1 else ''} failed, trying again"
    return "Waiting to be sent"


def failed_deliveries(limit: int = 200) -> list[OutboxMessage]:
    """Messages not delivered after at least one attempt: refused for good, or waiting to retry."""
    return list(db.session.scalars(
        db.select(OutboxMessage)
        .where(OutboxMessage.sent_at.is_(None), OutboxMessage.attempts > 0)
        .order_by(OutboxMessage.failed_at.is_(None), OutboxMessage.created_at.desc())
        .limit(limit)))


def messages_about(premises_id: int) -> list[OutboxMessage]:
    """Every email about a premises: those filed under it, and reminders that name it among
    others (one email per person groups the items of all their premises)."""
    reminded = db.select(Reminder.outbox_message_id).where(Reminder.premises_id == premises_id)
    return list(db.session.scalars(
        db.select(OutboxMessage).where(db.or_(OutboxMessage.premises_id == premises_id,
                                              OutboxMessage.id.in_(reminded)))
        .order_by(OutboxMessage.created_at.desc(), OutboxMessage.id.desc())))
