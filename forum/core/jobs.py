"""Background jobs: work that must happen outside the request (e-mail, webhooks, delayed checks).

Built on huey: one small package with no broker to run on the default install (``SqliteHuey``, a
file in the instance folder), Redis when several app servers run (``RedisHuey``), retries with a
delay, and delayed (ETA) tasks, which the escalation of unclaimed urgent items needs.

Every job is also a row in the app's own database (``jobs``): its name, payload, status (pending,
running, done, failed), attempts and last error. The row is written in the caller's transaction
and handed to huey only after the commit, so a request that rolls back sends nothing. A consumer
claims the row atomically before running it, so a message delivered twice runs once; a consumer
starting up hands huey again the due jobs that never reached it; hosts see failed jobs.

Plugins register a handler by name at import time and enqueue by name::

    @job_handler("moderation.email")
    def send_email(payload: dict) -> None: ...     # runs in an app context; raise to retry

    enqueue("moderation.email", {"to": [...], ...}, delay=0)

Consumers: ``forum worker`` runs huey's consumer (any storage). The embedded default
(``consumer = "thread"``) also runs a small consumer thread inside each app process.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import click
from flask import Flask, current_app
from huey import Huey, RedisHuey, SqliteHuey
from sqlalchemy import JSON, String, Text, event, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from .database import redis_options
from .extensions import db
from .models import utcnow

Handler = Callable[[dict[str, Any]], None]
HANDLERS: dict[str, Handler] = {}
EXTENSION = "forum_jobs"
POLL_SECONDS = 1.0
LOST_AFTER = timedelta(minutes=5)
RECOVER_EVERY_SECONDS = 60.0
ERROR_MAX = 500


class Job(db.Model):
    """One unit of background work; kept after it ran so hosts can see what failed."""

    __tablename__ = "jobs"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(60))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    run_at: Mapped[datetime] = mapped_column(default=utcnow)  # when it is due (created + delay)
    finished_at: Mapped[datetime | None] = mapped_column(default=None)


def job_handler(name: str) -> Callable[[Handler], Handler]:
    """Register ``function(payload)`` as the handler of jobs called ``name``."""

    def register(function: Handler) -> Handler:
        HANDLERS[name] = function
        return function

    return register


class JobQueue:
    """The huey instance of one app, and the consumer that runs its jobs."""

    def __init__(self, app: Flask, queue_url: str = "", consumer: str = "thread", retries: int = 5,
                 retry_delay: int = 60) -> None:
        self.app = app
        self.huey = make_huey(app, queue_url)
        self.consumer = consumer
        self.retries = retries
        self._task = self.huey.task(retries=retries, retry_delay=retry_delay, name="forum.job")(self._run)
        self._thread: threading.Thread | None = None

    def _run(self, job_id: int) -> None:
        with self.app.app_context():
            run_job(job_id, self.retries)

    def send(self, job_id: int, delay: float = 0) -> None:
        """Hand a committed job to huey (now, or after ``delay`` seconds)."""
        if delay:
            self._task.schedule(args=(job_id,), delay=delay)
        else:
            self._task(job_id)
        self.ensure_thread()

    def run_pending(self, now: datetime | None = None) -> int:
        """Run every job that is due at ``now`` (default: the current UTC time); return how many ran.

        What huey's consumer does, in the calling thread: due scheduled tasks join the queue,
        then the queue is drained. Tests pass a later ``now`` instead of sleeping.
        """
        now = now or utcnow()
        for task in self.huey.read_schedule(now):
            self.huey.enqueue(task)
        ran = 0
        while (task := self.huey.dequeue()) is not None:
            ran += self.huey.ready_to_run(task, now)  # a task not yet due goes back to the schedule
            self.huey.execute(task, now)
        return ran

    def recover_lost(self, grace: timedelta = LOST_AFTER) -> int:
        """Hand huey again the jobs due for longer than ``grace`` that never ran (e.g. the process
        died between the commit and the hand-over). A job that was not lost after all runs once:
        ``run_job`` claims its row atomically."""
        with self.app.app_context():
            lost = list(db.session.scalars(select(Job.id).where(
                Job.status == "pending", Job.attempts == 0, Job.run_at <= utcnow() - grace)))
            db.session.remove()
        for job_id in lost:
            self._task(job_id)
        return len(lost)

    def ensure_thread(self) -> None:
        """Start the embedded consumer thread (``consumer = "thread"``), once per process."""
        if self.consumer != "thread" or (self._thread is not None and self._thread.is_alive()):
            return
        self._thread = threading.Thread(target=self._poll, name="forum-jobs", daemon=True)
        self._thread.start()

    def _poll(self) -> None:
        recovered_at = 0.0
        while True:
            try:
                if time.monotonic() - recovered_at >= RECOVER_EVERY_SECONDS:
                    recovered_at = time.monotonic()
                    self.recover_lost()  # also jobs a broker outage kept from huey
                self.run_pending()
            except Exception:  # a broken job (or broker) must not stop the consumer
                self.app.logger.exception("background job failed")
            time.sleep(POLL_SECONDS)


def make_huey(app: Flask, queue_url: str) -> Huey:
    """``redis://...``: RedisHuey; ``sqlite:///path``: SqliteHuey there; "": the instance folder.

    Every wait on Redis is bounded by ``[database] timeout_seconds`` (an unreachable Redis
    leaves the job pending in its table, handed over again later: ``recover_lost``)."""
    timeout = app.extensions["forum"].settings["database"]["timeout_seconds"]
    if queue_url.startswith(("redis://", "rediss://", "unix://")):
        from redis import ConnectionPool

        pool = ConnectionPool.from_url(queue_url, **redis_options(timeout))
        return RedisHuey("forum", connection_pool=pool, results=False)
    if queue_url.startswith("sqlite:///"):
        path = Path(queue_url.removeprefix("sqlite:///"))
    else:
        path = Path(app.instance_path) / "jobs.sqlite"
    path.parent.mkdir(parents=True, exist_ok=True)
    return SqliteHuey("forum", filename=str(path), results=False)


def configure(app: Flask, **options: Any) -> JobQueue:
    """Give ``app`` its job queue (``queue_url``, ``consumer``, ``retries``, ``retry_delay``).

    The embedded consumer thread starts with the process's first request (so each gunicorn
    worker has one, also with ``--preload``, and jobs left pending by a restart run then), or
    with the first job sent. Command-line tools and tests start none unless they send.
    """
    queue = JobQueue(app, **options)
    app.extensions[EXTENSION] = queue
    if not app.testing:
        app.before_request(queue.ensure_thread)
    return queue


def job_queue() -> JobQueue:
    """The current app's queue (the embedded default if no plugin configured one)."""
    app = current_app._get_current_object()  # type: ignore[attr-defined]
    return app.extensions.get(EXTENSION) or configure(app)


def enqueue(name: str, payload: dict[str, Any], delay: float = 0) -> Job:
    """Add a job to the caller's transaction; it goes to huey when that transaction commits.

    Never put member text in ``payload``: it is stored, and shown to hosts when it fails.
    """
    if name not in HANDLERS:
        raise KeyError(f"no job handler registered for {name!r}")
    job = Job(name=name, payload=payload, run_at=utcnow() + timedelta(seconds=delay))
    db.session.add(job)
    db.session.flush()
    db.session.info.setdefault(EXTENSION, []).append((job_queue(), job.id, delay))
    return job


@event.listens_for(Session, "after_commit")
def _send_committed(session: Session) -> None:
    """Hand the committed jobs to huey. A broker that fails now (Redis down) must not turn the
    caller's saved change into an error: the row stays pending and ``recover_lost`` sends it."""
    for queue, job_id, delay in session.info.pop(EXTENSION, []):
        try:
            queue.send(job_id, delay)
        except Exception:
            queue.app.logger.exception("job %s saved but not handed to the queue; it will be "
                                       "sent again by the consumer's recovery", job_id)


@event.listens_for(Session, "after_rollback")
def _forget_rolled_back(session: Session) -> None:
    session.info.pop(EXTENSION, None)


def run_job(job_id: int, retries: int) -> None:
    """Run one job if it is still pending; record the outcome; raise so that huey retries.

    The row is claimed with one conditional UPDATE (pending -> running), so of two deliveries of
    the same job, on any database, exactly one runs it.
    """
    claimed = db.session.execute(update(Job).where(Job.id == job_id, Job.status == "pending")
                                 .values(status="running")).rowcount
    db.session.commit()
    if not claimed:
        return
    job = db.session.get(Job, job_id)
    try:
        HANDLERS[job.name](job.payload)
    except Exception as error:
        db.session.rollback()  # the handler's own half-done writes go
        job = db.session.get(Job, job_id)
        job.attempts += 1
        job.last_error = f"{type(error).__name__}: {error}"[:ERROR_MAX]
        job.status = "failed" if job.attempts > retries else "pending"
        job.finished_at = utcnow() if job.status == "failed" else None
        db.session.commit()
        raise
    job.attempts += 1
    job.status = "done"
    job.finished_at = utcnow()
    db.session.commit()


def jobs_needing_attention(limit: int = 20) -> list[Job]:
    """Jobs that failed for good, or failed at least once and wait for a retry (newest first)."""
    return list(db.session.scalars(
        select(Job).where((Job.status == "failed") | ((Job.status == "pending") & (Job.attempts > 0)))
        .order_by(Job.created_at.desc(), Job.id.desc()).limit(limit)))


@click.command("worker")
@click.option("--workers", default=2, show_default=True, help="Threads running jobs.")
@click.pass_obj
def worker_command(ctx: Any, workers: int) -> None:
    """Run the background job consumer (e-mail, webhooks, escalations)."""
    app = ctx.app
    with app.app_context():
        queue = job_queue()
    queue.consumer = "worker"  # this process is the consumer: no extra thread
    queue.recover_lost()
    click.echo(f"Running background jobs from {queue.huey.storage.__class__.__name__}")
    queue.huey.create_consumer(workers=workers, worker_type="thread", periodic=False).run()
