"""Content warnings on replies: the reply form offers the warning, the thread folds the reply,
and the reply's edit form keeps it."""

from __future__ import annotations

from forum.testing import add_board, add_user
from plugins.mute.tests.test_mute import client_of, write


def test_reply_with_a_warning_is_folded_in_the_thread(make_app):
    app = make_app(plugins=["content_warnings", "comments"])
    add_board(app)
    for name in ("aoi", "ren"):
        add_user(app, name)
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    topic = write(app, "aoi", "evening")
    assert 'name="cw_kind"' in ren.get(f"/t/{topic}").get_data(as_text=True)
    response = ren.post(f"/items/{topic}/replies", data={"body": "my relapse story",
                                                         "cw_kind": "substance_use", "cw_note": "drinking"})
    assert response.status_code == 302
    thread = aoi.get(f"/t/{topic}").get_data(as_text=True)
    folded = thread.split('<article class="reply"')[1]
    assert '<details class="cw"><summary><strong>Content warning: Substance use</strong> · drinking' in folded
    reply_id = folded.split('id="item-')[1].split('"')[0]
    edit = ren.get(f"/replies/{reply_id}/edit").get_data(as_text=True)
    assert '<option value="substance_use" selected>' in edit
    bad = ren.post(f"/items/{topic}/replies", data={"body": "kept words", "cw_kind": "nope"})
    assert bad.status_code == 422 and "kept words" in bad.get_data(as_text=True)


def test_exercise_feeds_and_profiles_fold_warned_entries(make_app):
    from datetime import date

    app = make_app(plugins=["content_warnings", "funcan", "profiles"])
    for name in ("aoi", "ren"):
        add_user(app, name)
    aoi, ren = client_of(app, "aoi"), client_of(app, "ren")
    shared = aoi.post("/funcan/new", data={"text": "I ate a full meal today", "category": "self_care",
                                           "day": date.today().isoformat(), "visibility": "community",
                                           "cw_kind": "eating"})
    assert shared.status_code == 302
    feed = ren.get("/funcan/").get_data(as_text=True)
    folded = feed.split('<details class="cw">')[1].split("</details>")[0]
    assert "Content warning: Eating" in folded and "I ate a full meal today" in folded
    assert 'name="cw_kind"' in aoi.get("/profile/edit").get_data(as_text=True)
    saved = aoi.post("/profile/edit", data={"story": "Years of ups and downs", "cw_kind": "trauma"})
    assert saved.status_code == 302
    assert '<details class="cw">' in ren.get("/u/aoi").get_data(as_text=True)
