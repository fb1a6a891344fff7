"""Alerts outside the app, against a real SMTP server and a real webhook receiver on loopback.

Jobs run through the real huey queue; ``run_jobs`` does what the consumer does, at a time the
test chooses (escalation is tested by moving the clock, not by sleeping).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import select

from forum.core.api import AuditEvent, Board, ConfigError, Job, db, utcnow
from forum.testing import PG_SCHEMA, add_board, member_client
from plugins.moderation.models import ModerationItem
from plugins.moderation.tests.helpers import JOURNAL, community, entry_for, item_id, post_topic, queue_entries
from plugins.moderation.tests.tier_plugin import URGENT_TEXT

TIERS = "plugins.moderation.tests.tier_plugin"
BASE_URL = "https://forum.example"
PRIVATE_RISK = "I am going to end my life tonight, the pills are ready"


def alerting(make_app: Any, smtp_port: int, hook_url: str, notify: dict[str, Any] | None = None,
             plugins: tuple[str, ...] = (), **tables: Any) -> Flask:
    """A community whose alerts go to the test's SMTP server and webhook; jobs run when the test says."""
    settings = {"smtp_host": "127.0.0.1", "smtp_port": smtp_port, "webhook_url": hook_url,
                "base_url": BASE_URL, "consumer": "worker", "host_emails": ["team@example.org"],
                **(notify or {})}
    app = make_app(plugins=["moderation", JOURNAL, TIERS, *plugins],
                   community={"moderation": "screened", **tables.pop("community", {})},
                   notify=settings, **tables)
    with app.app_context():
        if db.session.scalar(select(Board.id)) is None:  # a second app may share the database
            add_board(app)
    return app


def run_jobs(app: Flask, now: datetime | None = None) -> int:
    return app.extensions["forum_jobs"].run_pending(now)


def on_duty(app: Flask, name: str, role: str = "moderator", hours: tuple[str, str] = ("00:00", "00:00")):
    """A moderator who set their e-mail and hours through the duty page (equal times: always)."""
    client = member_client(app, name, role)
    response = client.post("/moderation/duty", data={"email": f"{name}@example.org", "starts": hours[0],
                                                     "ends": hours[1]})
    assert response.status_code == 302, response.get_data(as_text=True)
    return client


def everything_sent(mailbox: Any, hook: Any) -> str:
    return "\n".join([m.as_string() for m in mailbox.messages] + [json.dumps(c["json"]) for c in hook.calls])


def test_an_urgent_post_sends_one_email_and_one_webhook_call_without_member_text(make_app, smtp_server,
                                                                                  webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    on_duty(app, "sora")
    aoi = member_client(app, "aoi")
    post_topic(aoi, "A heavy night", f"{URGENT_TEXT}. Goodbye everyone.")
    entry = entry_for(app, item_id(app, "A heavy night"))
    assert mailbox.messages == [] and hook.calls == []  # nothing is sent inside the request

    assert run_jobs(app) == 2
    assert mailbox.recipients == [["sora@example.org"]]
    link = f"{BASE_URL}/moderation/queue/{entry['id']}"
    assert link in mailbox.messages[0].get_payload(decode=True).decode()
    [call] = hook.calls
    assert call["type"] == "application/json"
    assert call["json"] | {"community": None} == {"community": None, "event": "urgent", "entry": entry["id"],
                                                   "kind": "held", "tier": "urgent", "link": link,
                                                   "text": mailbox.messages[0]["Subject"]}
    sent = everything_sent(mailbox, hook)
    for member_text in ("heavy night", "plan for tonight", "Goodbye", "aoi"):
        assert member_text not in sent
    assert run_jobs(app) == 0 and len(mailbox.messages) == 1  # each send once


def test_a_private_urgent_entry_alerts_without_its_text_and_a_second_one_merges(make_app, smtp_server,
                                                                                 webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    on_duty(app, "sora")
    aoi = member_client(app, "aoi")
    page = aoi.post("/journal/new", data={"body": PRIVATE_RISK, "feeling": "numb"},
        follow_redirects=True).get_data(as_text=True)
    assert "We are here with you" in page
    assert "The moderators have been told that a member may need support, but not what you wrote." in page
    aoi.post("/journal/new", data={"body": PRIVATE_RISK + " again", "feeling": "numb"})

    [alert] = queue_entries(app)
    assert (alert["kind"], alert["item_id"], alert["urgent"]) == ("alert", None, True)
    with app.app_context():
        entry = db.session.get(ModerationItem, alert["id"])
        assert [found["reason"] for found in entry.rules] == [
            "A member may need support: a private entry matched the urgent tier."]
    assert run_jobs(app) == 2
    assert len(mailbox.messages) == 1 and len(hook.calls) == 1
    sent = everything_sent(mailbox, hook)
    assert "ending my life" not in sent and "numb" not in sent and "aoi" not in sent
    moderator = member_client(app, "mio", "moderator")
    queue = moderator.get("/moderation/queue").get_data(as_text=True)
    assert "ending my life" not in queue and "numb" not in queue


def test_private_check_in_entries_alert_only_when_the_host_says_so(make_app, smtp_server, webhook):
    (port, _mailbox), (url, _hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    aoi = member_client(app, "aoi")
    page = aoi.post("/journal/new", data={"body": "I feel like a burden to everyone"},
        follow_redirects=True).get_data(as_text=True)
    assert "no moderator is told about it" in page
    assert queue_entries(app) == [] and run_jobs(app) == 0

    both = alerting(make_app, port, url, moderation={"private_alert": ["urgent", "check_in"]})
    ren = member_client(both, "ren")
    page = ren.post("/journal/new", data={"body": "I feel like a burden to everyone"},
                    follow_redirects=True).get_data(as_text=True)
    assert "The moderators have been told" in page
    [alert] = [e for e in queue_entries(both) if e["kind"] == "alert"]
    assert alert["urgent"] is False
    assert run_jobs(both) == 0  # check-in alerts wait in the queue; only urgent ones page people


def test_two_phq9_answers_a_second_apart_make_one_alert_and_one_email(make_app, smtp_server, webhook):
    pytest.importorskip("plugins.questionnaires", reason="with the questionnaires plugin: PHQ-9 alerts")
    (port, mailbox), (url, _hook) = smtp_server, webhook
    app = alerting(make_app, port, url, plugins=("questionnaires",))
    on_duty(app, "sora")
    aoi = member_client(app, "aoi")
    answers = {f"q_{n}": "0" for n in range(1, 9)} | {"q_9": "2"}
    for _ in range(2):
        page = aoi.post("/questionnaires/phq9", data=answers, follow_redirects=True).get_data(as_text=True)
        assert "A moderator has been alerted that you may need support." in page
    alerts = [e for e in queue_entries(app) if e["kind"] == "alert"]
    assert len(alerts) == 1 and alerts[0]["urgent"]
    assert run_jobs(app) == 2 and len(mailbox.messages) == 1


def test_an_unclaimed_urgent_entry_escalates_to_hosts_after_the_limit(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url, notify={"escalate_after_minutes": 15})
    on_duty(app, "sora")
    on_duty(app, "hikari", "host", hours=("03:00", "03:01"))  # hosts hear of escalations at any hour
    aoi = member_client(app, "aoi")
    post_topic(aoi, "Tonight", URGENT_TEXT)
    now = utcnow()
    assert run_jobs(app, now) == 2
    assert run_jobs(app, now + timedelta(minutes=14)) == 0
    assert run_jobs(app, now + timedelta(minutes=16)) == 3  # the check, then its e-mail and webhook
    assert mailbox.recipients[1] == ["hikari@example.org", "team@example.org"]
    assert "15" in mailbox.messages[1]["Subject"]
    assert [call["json"]["event"] for call in hook.calls] == ["urgent", "escalated"]
    assert "Tonight" not in everything_sent(mailbox, hook)
    with app.app_context():
        actions = list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))
    assert actions.count("escalate_unclaimed") == 1


def test_a_claimed_urgent_entry_does_not_escalate(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    sora = on_duty(app, "sora")
    post_topic(member_client(app, "aoi"), "Tonight", URGENT_TEXT)
    entry = entry_for(app, item_id(app, "Tonight"))
    assert sora.post(f"/moderation/queue/{entry['id']}/claim").status_code == 302
    assert run_jobs(app, utcnow() + timedelta(minutes=30)) == 3  # e-mail, webhook, the check (silent)
    assert len(mailbox.messages) == 1 and len(hook.calls) == 1


def test_off_duty_moderators_are_not_paged_the_hosts_are(make_app, smtp_server, webhook):
    (port, mailbox), (url, _hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    minute = (utcnow().hour * 60 + utcnow().minute + 120) % 1440
    on_duty(app, "sora", hours=(f"{minute // 60:02d}:{minute % 60:02d}", f"{(minute // 60 + 1) % 24:02d}:00"))
    post_topic(member_client(app, "aoi"), "Tonight", URGENT_TEXT)
    run_jobs(app)
    assert mailbox.recipients == [["team@example.org"]]


def test_failed_sends_are_retried_then_shown_to_hosts(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    hook.status = 500
    app = alerting(make_app, port, url, notify={"retries": 1, "retry_delay_seconds": 60})
    host = on_duty(app, "hikari", "host")
    post_topic(member_client(app, "aoi"), "Tonight", URGENT_TEXT)
    now = utcnow()
    run_jobs(app, now)
    assert len(hook.calls) == 1 and len(mailbox.messages) == 1
    assert "will retry" in host.get("/moderation/health").get_data(as_text=True)
    run_jobs(app, now + timedelta(minutes=2))
    assert len(hook.calls) == 2
    health = host.get("/moderation/health").get_data(as_text=True)
    assert "moderation.webhook" in health and "HTTPError" in health and "failed" in health
    run_jobs(app, now + timedelta(minutes=10))
    assert len(hook.calls) == 2  # given up: no endless retries
    with app.app_context():
        for job in db.session.scalars(select(Job)):
            assert "Tonight" not in json.dumps(job.payload)


@pytest.mark.parametrize("storage", ["sqlite", "redis"])
def test_a_pending_send_survives_a_restart_and_runs_once(make_app, smtp_server, webhook, tmp_path, storage):
    (port, mailbox), (url, hook) = smtp_server, webhook
    queue_url = (f"sqlite:///{tmp_path / 'queue' / 'jobs.sqlite'}" if storage == "sqlite"
                 else "redis://127.0.0.1:6379/14")
    first = alerting(make_app, port, url, notify={"queue_url": queue_url})
    first.extensions["forum_jobs"].huey.flush()
    on_duty(first, "sora")
    post_topic(member_client(first, "aoi"), "Tonight", URGENT_TEXT)
    # The e-mail, the webhook call and the (delayed) escalation check.
    assert first.extensions["forum_jobs"].huey.pending_count() == 3
    del first.extensions["forum_jobs"]  # the app stops with two sends pending

    restarted = alerting(make_app, port, url, notify={"queue_url": queue_url})
    assert run_jobs(restarted) == 2
    assert len(mailbox.messages) == 1 and len(hook.calls) == 1
    assert run_jobs(restarted) == 0
    restarted.extensions["forum_jobs"].huey.flush()


def test_a_second_delivery_of_one_job_sends_nothing_more(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    on_duty(app, "sora")
    post_topic(member_client(app, "aoi"), "Tonight", URGENT_TEXT)
    run_jobs(app)
    queue = app.extensions["forum_jobs"]
    with app.app_context():
        job_ids = list(db.session.scalars(select(Job.id).where(Job.status == "done")))
    for job_id in job_ids:
        queue.send(job_id)  # e.g. huey redelivers after a crash
    run_jobs(app)
    assert len(mailbox.messages) == 1 and len(hook.calls) == 1


def test_no_channel_configured_queues_no_job(make_app):
    app = community(make_app)
    post_topic(member_client(app, "aoi"), "Tonight", "I want to die tonight")
    with app.app_context():
        assert db.session.scalars(select(Job)).all() == []


def test_japanese_alerts_and_crisis_page(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url, community={"language": "ja"})
    on_duty(app, "sora")
    aoi = member_client(app, "aoi")
    page = aoi.post("/journal/new", data={"body": "今夜死ぬつもりです。薬はもう用意した。"},
        follow_redirects=True)
    page = page.get_data(as_text=True)
    assert "モデレーター" in page and "書いた内容は伝えていません" in page
    run_jobs(app)
    [mail] = mailbox.messages
    assert "緊急" in mail["Subject"]
    assert "死ぬつもり" not in everything_sent(mailbox, hook)


@pytest.mark.parametrize(("table", "values", "message"), [
    ("moderation", {"private_alert": ["sometimes"]}, "private_alert"),
    ("notify", {"timezone": "Mars/Olympus"}, "timezone"),
    ("notify", {"consumer": "cron"}, "consumer"),
    ("notify", {"webhook_url": "ftp://x"}, "webhook_url"),
    ("notify", {"escalate_after_minutes": -1}, "escalate_after_minutes"),
])
def test_bad_notify_settings_stop_start_up_with_the_key(make_app, table, values, message):
    with pytest.raises(ConfigError, match=message):
        make_app(plugins=["moderation"], **{table: values})


def test_hosts_only_see_queue_health_and_moderators_set_their_own_hours(make_app):
    app = community(make_app)
    moderator = member_client(app, "sora", "moderator")
    assert moderator.get("/moderation/health").status_code == 403
    bad = moderator.post("/moderation/duty", data={"email": "not an address", "starts": "25:00", "ends": "9"})
    assert bad.status_code == 422
    page = bad.get_data(as_text=True)
    assert "Enter an e-mail address" in page and "Enter a time such as 09:00." in page


def test_forum_worker_runs_the_pending_sends_in_its_own_process(make_app, smtp_server, webhook, tmp_path,
                                                                 database_url):
    (port, mailbox), (url, hook) = smtp_server, webhook
    if database_url.startswith("postgresql"):  # the worker process works in this test's schema too
        database_url += f"?options=-csearch_path%3D{PG_SCHEMA}"
    config = tmp_path / "community.toml"
    config.write_text(f"""
[community]
moderation = "screened"
[plugins]
enabled = ["moderation"]
[database]
url = "{database_url}"
[notify]
smtp_host = "127.0.0.1"
smtp_port = {port}
webhook_url = "{url}"
consumer = "worker"
queue_url = "sqlite:///{tmp_path / 'jobs.sqlite'}"
""")
    app = make_app(config=str(config))
    add_board(app)
    on_duty(app, "sora")
    post_topic(member_client(app, "aoi"), "Tonight", "I want to die tonight")
    forum = Path(sys.executable).parent / "forum"
    worker = subprocess.Popen([str(forum), "--config", str(config), "worker", "--workers", "1"],
                              env={**os.environ, "FORUM_INSTANCE": str(tmp_path / "worker")},
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 20
        while (len(mailbox.messages), len(hook.calls)) != (1, 1) and time.monotonic() < deadline:
            time.sleep(0.2)  # a real process: wait for it, briefly
    finally:
        worker.send_signal(signal.SIGINT)
        output = worker.communicate(timeout=20)[0].decode()
    assert (len(mailbox.messages), len(hook.calls)) == (1, 1), output
    assert "die" not in everything_sent(mailbox, hook)
    with app.app_context():
        assert {job.status for job in db.session.scalars(select(Job))} == {"done", "pending"}  # + escalation


def test_a_send_lost_before_it_reached_the_queue_is_recovered_once(make_app, smtp_server, webhook):
    (port, mailbox), (url, hook) = smtp_server, webhook
    app = alerting(make_app, port, url)
    on_duty(app, "sora")
    post_topic(member_client(app, "aoi"), "Tonight", URGENT_TEXT)
    queue = app.extensions["forum_jobs"]
    queue.huey.flush()  # as if the process died between the commit and the hand-over to huey
    assert run_jobs(app) == 0
    assert queue.recover_lost(grace=timedelta(0)) == 2  # e-mail and webhook; the escalation is not due
    assert queue.recover_lost(grace=timedelta(0)) == 2  # a second consumer starting at the same time
    assert run_jobs(app) == 4
    assert len(mailbox.messages) == 1 and len(hook.calls) == 1
