"""Email through an outbox: written in the transaction that caused it, delivered after."""

import smtplib
import sys
from email.message import EmailMessage

from flask import current_app, render_template
from jinja2 import TemplateNotFound

from scheme.domain.transaction import after_commit
from scheme.extensions import db
from scheme.models import OutboxMessage
from scheme.models.base import utcnow


def queue_email(to: str, template: str, **context) -> OutboxMessage:
    """Write an email to the outbox in the current transaction; send it after commit.

    template names templates/email/<template>.txt (and .html when it exists); the first
    line of the text template is "Subject: ...".
    """
    text = render_template(f"email/{template}.txt", **context)
    subject_line, _, text_body = text.partition("\n")
    try:
        html_body = render_template(f"email/{template}.html", **context)
    except TemplateNotFound:  # the HTML part is optional
        html_body = ""
    message = OutboxMessage(
        to=to,
        subject=subject_line.removeprefix("Subject:").strip(),
        text_body=text_body.lstrip("\n"),
        html_body=html_body,
    )
    db.session.add(message)
    db.session.flush()
    message_id = message.id
    after_commit(lambda: _try_now(message_id))
    return message


def _try_now(message_id: int) -> None:
    # The change that queued the message has committed: whatever goes wrong here must not
    # turn that success into an error page. The message waits in the outbox for send-mail.
    try:
        deliver_pending(only_ids=[message_id])
    except Exception:  # noqa: BLE001
        db.session.rollback()
        current_app.logger.exception("Could not try to send email %s now; it stays in the outbox", message_id)


def _build(message: OutboxMessage, sender: str) -> EmailMessage:
    email = EmailMessage()
    email["From"] = sender
    email["To"] = message.to
    email["Subject"] = message.subject
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


def deliver_pending(only_ids: list[int] | None = None, limit: int = 100) -> tuple[int, int]:
    """Try to send unsent messages. Returns (sent, failed). Failures stay for a retry."""
    query = db.select(OutboxMessage.id).where(OutboxMessage.sent_at.is_(None)).order_by(OutboxMessage.id).limit(limit)
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
            failed += 1
        else:
            message.sent_at = utcnow()
            message.last_error = ""
            sent += 1
        # Each message's outcome is recorded on its own, so one failure cannot undo a send.
        db.session.commit()
    return sent, failed
