"""Queue health for hosts: what waits, the oldest, unclaimed urgent entries, speed, decisions."""

from __future__ import annotations

from datetime import timedelta

from forum.core.api import User, db, utcnow
from forum.testing import member_client
from plugins.moderation.health import percentile, queue_health
from plugins.moderation.models import ModerationItem
from plugins.moderation.tests.helpers import community, entry_for, item_id, post_topic


def test_percentile_is_nearest_rank():
    assert percentile([], 0.5) is None
    assert percentile([4.0], 0.9) == 4.0
    assert percentile([30.0, 10.0], 0.5) == 10.0 and percentile([30.0, 10.0], 0.9) == 30.0
    assert percentile([float(n) for n in range(1, 11)], 0.9) == 9.0


def _past_entries(app, member_id: int) -> None:
    """Closed entries with known timings: (created days ago, claimed after, resolved after) minutes."""
    now = utcnow()
    with app.app_context():
        for days, claimed, resolved in ((2, 10, 60), (3, None, 30), (20, 120, 240)):
            created = now - timedelta(days=days)
            db.session.add(ModerationItem(
                kind="flag", user_id=member_id, tier="check_in", status="resolved", decision="reviewed",
                created_at=created, resolved_at=created + timedelta(minutes=resolved),
                claimed_at=created + timedelta(minutes=claimed) if claimed else None))
        db.session.commit()


def test_queue_health_counts_waits_and_speed(make_app):
    app = community(make_app)
    aoi = member_client(app, "aoi")
    host, sora = member_client(app, "hikari", "host"), member_client(app, "sora", "moderator")
    post_topic(aoi, "Tonight", "I want to die tonight")
    post_topic(aoi, "Number", "Call me on 090-1234-5678")
    urgent = entry_for(app, item_id(app, "Tonight"))
    with app.app_context():
        db.session.get(ModerationItem, urgent["id"]).created_at = utcnow() - timedelta(minutes=40)
        db.session.commit()
        member_id = db.session.query(User.id).filter_by(username="aoi").scalar()
    _past_entries(app, member_id)

    with app.test_request_context():
        health = queue_health()
        assert health["waiting"] == [("held", "", 1), ("held", "urgent", 1)]
        assert health["unclaimed_urgent"] == 1 and health["limit_minutes"] == 15
        assert health["oldest"] == db.session.get(ModerationItem, urgent["id"]).created_at
        week, month = health["speed"][7], health["speed"][30]
        minutes = timedelta(minutes=1)
        assert (week["first_review"].median, week["first_review"].p90) == (10 * minutes, 30 * minutes)
        assert (week["resolution"].median, week["resolution"].p90) == (30 * minutes, 60 * minutes)
        assert (month["first_review"].median, month["first_review"].p90) == (30 * minutes, 120 * minutes)
        assert (month["resolution"].median, month["resolution"].p90) == (60 * minutes, 240 * minutes)

    page = host.get("/moderation/health").get_data(as_text=True)
    assert "Urgent entries unclaimed for more than 15 minutes: <strong>1</strong>" in page
    assert "10 min / 30 min (2)" in page and "60 min / 4 h (3)" in page
    assert "Every alert was sent." in page

    sora.post(f"/moderation/queue/{urgent['id']}/claim")
    mio = member_client(app, "mio", "moderator")
    mio.post(f"/moderation/queue/{urgent['id']}/approve", data={"approve-note": "Safe to publish."})
    with app.test_request_context():
        health = queue_health()
        assert health["unclaimed_urgent"] == 0
        assert health["per_moderator"] == [("mio", 1, {"approve": 1}), ("sora", 1, {"claim": 1})]
    page = host.get("/moderation/health").get_data(as_text=True)
    assert "mio: 1" in page and "sora: 1" in page
