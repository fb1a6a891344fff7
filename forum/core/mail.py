"""Plain-text e-mail through the host's SMTP server, for background jobs (never in a request)."""

from __future__ import annotations

import os
import smtplib
from collections.abc import Mapping
from email.message import EmailMessage
from typing import Any

TIMEOUT_SECONDS = 10


def send_email(server: Mapping[str, Any], to: list[str], subject: str, body: str) -> None:
    """Send one message. ``server`` is a settings table with ``smtp_host``, ``smtp_port``,
    ``smtp_starttls``, ``smtp_user``, ``smtp_password`` (``FORUM_SMTP_PASSWORD`` wins) and
    ``email_from``. Raises on failure, so that the job is retried."""
    message = EmailMessage()
    message["From"] = server["email_from"]
    message["To"] = ", ".join(to)
    message["Subject"] = subject
    message.set_content(body)
    with smtplib.SMTP(server["smtp_host"], server["smtp_port"], timeout=TIMEOUT_SECONDS) as smtp:
        if server["smtp_starttls"]:
            smtp.starttls()
        if server["smtp_user"]:
            smtp.login(server["smtp_user"], os.environ.get("FORUM_SMTP_PASSWORD") or server["smtp_password"])
        smtp.send_message(message)
