import pytest
from sqlalchemy import event, select

from forum.core.api import Action, Item, Verdict, db, has_cjk, hookimpl
from forum.testing import add_demo_content, mark_item_footers, member_client, record_usage_events
from plugins.thought_record.emotions import Emotion, parse_intensity

NEW = "/thought-records/new"


def record_form(emotions=(("Sad", "80", "45"), ("Anxious", "60", "70")), **fields):
    data = {"situation": "My friend did not answer my message.",
            "automatic_thoughts": "She is angry with me.",
            "evidence_for": "", "evidence_against": "She is busy with exams.",
            "balanced_thought": "She is probably busy; I can ask her kindly.",
            "visibility": "private"}
    for index, (name, before, after) in enumerate(emotions):
        data |= {f"emotions-{index}-name": name, f"emotions-{index}-before": before,
                 f"emotions-{index}-after": after}
    return data | fields


def create(client, **fields):
    response = client.post(NEW, data=record_form(**fields))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


@pytest.fixture
def app(make_app):
    return make_app(plugins=["thought_record"])


@pytest.fixture
def aoi(app):
    return member_client(app, "aoi")


@pytest.fixture
def ren(app):
    return member_client(app, "ren")


def test_member_writes_a_record_and_sees_each_emotion_change(app, aoi):
    assert aoi.get(NEW).status_code == 200
    record_id = create(aoi)
    page = aoi.get(f"/thought-records/{record_id}").get_data(as_text=True)
    assert "Sad" in page and "80 → 45 (−35)" in page and "from 80 to 45, down 35" in page
    assert "60 → 70 (+10)" in page and "from 60 to 70, up 10" in page
    assert "She is probably busy; I can ask her kindly." in page
    assert 'width="45"' in page  # the after-bar of "Sad" is drawn to scale
    with app.app_context():
        record = db.session.get(Item, record_id)
        assert record.visibility == "private" and record.status == "published"
        assert record.data["emotions"] == [{"name": "Sad", "before": 80, "after": 45},
                                           {"name": "Anxious", "before": 60, "after": 70}]
        assert record.data["emotion_names"] == "Sad\nAnxious"
    assert "My friend did not answer" in aoi.get("/thought-records/mine").get_data(as_text=True)


def test_member_text_is_escaped_everywhere(aoi):
    record_id = create(aoi, emotions=[("<b>Sad</b>", "80", "40")], situation="<script>x</script>",
                       visibility="community")
    for path in (f"/thought-records/{record_id}", "/thought-records/", "/thought-records/mine"):
        page = aoi.get(path).get_data(as_text=True)
        assert "<b>Sad" not in page and "<script>x" not in page, path
        assert "&lt;b&gt;Sad&lt;/b&gt;" in page and "&lt;script&gt;x&lt;/script&gt;" in page, path
    assert "&lt;b&gt;Sad&lt;/b&gt;: 80" in aoi.get(f"/thought-records/{record_id}").get_data(as_text=True)


def test_blank_rows_are_ignored_and_full_width_digits_accepted(app, aoi):
    record_id = create(aoi, emotions=(("", "", ""), ("不安", "８０", "３０"), ("", "", "")))
    with app.app_context():
        assert db.session.get(Item, record_id).data["emotions"] == [
            {"name": "不安", "before": 80, "after": 30}]


def test_out_of_range_intensity_is_a_form_message_and_keeps_input(aoi):
    for raw in ("-1", "101", "abc", "50.5", "1e2"):
        response = aoi.post(NEW, data=record_form(emotions=[("Sad", raw, "40")], situation="At the station"))
        page = response.get_data(as_text=True)
        assert response.status_code == 422, raw
        assert "Use a whole number from 0 to 100." in page, raw
        assert f'value="{raw}"' in page and "At the station" in page, raw
        assert "Please correct the marked fields." in page and "/thought-records/mine" in page, raw


def test_empty_required_field_is_a_form_message(aoi):
    for field, message in (("situation", "Describe the situation."),
                           ("automatic_thoughts", "Write down the thoughts that went through your mind."),
                           ("balanced_thought", "Write a balanced or alternative thought.")):
        response = aoi.post(NEW, data=record_form(**{field: "   "}))
        assert response.status_code == 422, field
        page = response.get_data(as_text=True)
        assert message in page and 'value="Sad"' in page, field


def test_a_record_needs_at_least_one_emotion(aoi):
    response = aoi.post(NEW, data=record_form(emotions=[("", "", "")]))
    assert response.status_code == 422
    assert "Name at least one emotion and rate it." in response.get_data(as_text=True)


def test_the_error_summary_names_the_emotions_in_the_community_language(make_app):
    app = make_app(plugins=["thought_record"], community={"language": "ja"})
    page = member_client(app, "あおい").post(NEW, data={}).get_data(as_text=True)
    summary = page[page.index('class="form-errors"'):page.index("</ul>", page.index('class="form-errors"'))]
    assert "2. 感情" in summary and "Emotions" not in summary


def test_half_filled_emotion_row_is_a_form_message(aoi):
    for emotion, message in ((("Sad", "", "40"), "Rate how strong it was, from 0 to 100."),
                             (("Sad", "70", ""), "Rate it again now, from 0 to 100."),
                             (("", "70", "40"), "Name this emotion, or clear its ratings.")):
        response = aoi.post(NEW, data=record_form(emotions=[emotion]))
        assert response.status_code == 422, emotion
        assert message in response.get_data(as_text=True), emotion


def test_overlong_text_is_a_form_message(app, aoi):
    too_long = aoi.post(NEW, data=record_form(situation="あ" * 2001))
    assert too_long.status_code == 422
    assert "Keep this under 2000 characters." in too_long.get_data(as_text=True)
    long_name = aoi.post(NEW, data=record_form(emotions=[("x" * 41, "50", "20")]))
    assert long_name.status_code == 422
    assert "Keep the name under 40 characters." in long_name.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Item.id).where(Item.type == "thought_record")) is None


def test_intensity_change_and_parsing():
    assert Emotion("Sad", 80, 45).change == -35 and Emotion("Sad", 80, 45).change_text == "−35"
    assert Emotion("Calm", 20, 50).change_text == "+30"
    assert Emotion("Calm", 50, 50).change_text == "±0"
    assert [parse_intensity(raw) for raw in ("0", "100", " 7 ", "８０", "-1", "101", "abc", "", None)] == [
        0, 100, 7, 80, None, None, None, None, None]


def test_private_record_is_hidden_until_shared_and_after_unsharing(app, aoi, ren):
    record_id = create(aoi, situation="A private moment")
    entry = f"/thought-records/{record_id}"
    assert ren.get(entry).status_code == 404
    feed = ren.get("/thought-records/").get_data(as_text=True)
    assert "A private moment" not in feed and "No shared thought records yet." in feed
    assert "A private moment" not in aoi.get("/thought-records/").get_data(as_text=True)

    assert aoi.post(f"/items/{record_id}/visibility", data={"visibility": "community"}).status_code == 302
    assert ren.get(entry).status_code == 200
    assert "A private moment" in ren.get("/thought-records/").get_data(as_text=True)

    assert aoi.post(f"/items/{record_id}/visibility", data={"visibility": "private"}).status_code == 302
    assert ren.get(entry).status_code == 404
    assert "A private moment" not in ren.get("/thought-records/").get_data(as_text=True)
    assert "A private moment" in aoi.get("/thought-records/mine").get_data(as_text=True)


def test_sharing_from_the_form_publishes_to_the_feed(aoi, ren):
    record_id = create(aoi, situation="Shared on purpose", visibility="community")
    assert "Shared on purpose" in ren.get("/thought-records/").get_data(as_text=True)
    assert ren.get(f"/thought-records/{record_id}").status_code == 200


def test_only_the_author_edits_shares_or_deletes(app, aoi, ren):
    record_id = create(aoi, visibility="community")
    assert ren.get(f"/thought-records/{record_id}/edit").status_code == 404
    assert ren.post(f"/thought-records/{record_id}/edit", data=record_form()).status_code == 404
    assert ren.post(f"/items/{record_id}/visibility", data={"visibility": "private"}).status_code == 404
    assert ren.post(f"/items/{record_id}/delete").status_code == 404
    assert "Edit</a>" not in ren.get(f"/thought-records/{record_id}").get_data(as_text=True)
    with app.app_context():
        record = db.session.get(Item, record_id)
        assert record.status == "published" and record.visibility == "community"


def test_author_edits_with_the_form_prefilled_then_deletes(app, aoi):
    record_id = create(aoi)
    form = aoi.get(f"/thought-records/{record_id}/edit").get_data(as_text=True)
    assert 'value="Sad"' in form and 'value="45"' in form and "Sad, now (0-100)" in form
    changed = record_form(emotions=[("Sad", "80", "20")], balanced_thought="Better now.")
    assert aoi.post(f"/thought-records/{record_id}/edit", data=changed).status_code == 302
    page = aoi.get(f"/thought-records/{record_id}").get_data(as_text=True)
    assert "80 → 20 (−60)" in page and "Better now." in page and "Anxious" not in page
    deleted = aoi.post(f"/items/{record_id}/delete", data={"next": "/thought-records/mine"})
    assert deleted.headers["Location"].endswith("/thought-records/mine")
    assert aoi.get(f"/thought-records/{record_id}").status_code == 404
    assert "My friend did not answer" not in aoi.get("/thought-records/mine").get_data(as_text=True)


class ScreeningRules:
    """A blocking rule and a censoring rule, as a moderation plugin would supply."""

    @hookimpl
    def forum_screen(self, text, context):
        if "forbidden" in text:
            return [Verdict("test-block", Action.BLOCK, "test", member_message="Please rephrase.")]
        if "darn" in text:
            return [Verdict("test-censor", Action.CENSOR, "test", censor_terms=("darn",))]
        return None


def test_blocked_text_keeps_the_form_and_censored_names_stay_in_step(app, aoi):
    app.extensions["forum"].manager.register(ScreeningRules())
    blocked = aoi.post(NEW, data=record_form(automatic_thoughts="a forbidden thought"))
    assert blocked.status_code == 422
    page = blocked.get_data(as_text=True)
    assert "Please rephrase." in page and "a forbidden thought" in page
    record_id = create(aoi, emotions=[("darn angry", "90", "50")])
    with app.app_context():
        record = db.session.get(Item, record_id)
        assert record.data["emotions"][0]["name"] == "■■■■ angry"
    assert "darn" not in aoi.get(f"/thought-records/{record_id}").get_data(as_text=True)


def test_japanese_record_end_to_end(aoi, ren):
    record_id = create(aoi, situation="電車で息苦しくなった。", balanced_thought="しばらくするとおさまる。",
                       emotions=[("不安", "90", "50")], visibility="community")
    feed = ren.get("/thought-records/").get_data(as_text=True)
    assert "電車で息苦しくなった。" in feed and "不安" in feed and "90 → 50 (−40)" in feed
    assert "しばらくするとおさまる。" in ren.get(f"/thought-records/{record_id}").get_data(as_text=True)


def test_feed_costs_the_same_queries_for_many_records(app, aoi, ren):
    def queries_for_feed():
        seen = []
        with app.app_context():
            listener = lambda *args: seen.append(args[2])  # noqa: E731
            event.listen(db.engine, "before_cursor_execute", listener)
            try:
                assert ren.get("/thought-records/").status_code == 200
            finally:
                event.remove(db.engine, "before_cursor_execute", listener)
        return len(seen)

    create(aoi, visibility="community")
    few = queries_for_feed()
    for _ in range(6):
        create(aoi, visibility="community")
    assert queries_for_feed() == few


def test_members_only_unless_public_read(make_app):
    app = make_app(plugins=["thought_record"], community={"public_read": False})
    response = app.test_client().get("/thought-records/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_nav_link_and_routes_go_when_the_plugin_is_removed(make_app):
    with_plugin = member_client(make_app(plugins=["thought_record"]), "aoi")
    assert 'href="/thought-records/"' in with_plugin.get("/").get_data(as_text=True)
    without = member_client(make_app(), "ren")
    assert 'href="/thought-records/"' not in without.get("/").get_data(as_text=True)
    assert without.get("/thought-records/").status_code == 404
    assert without.get(NEW).status_code == 404


def test_demo_content_has_shared_and_private_records(app):
    add_demo_content(app)
    with app.app_context():
        records = list(db.session.scalars(select(Item).where(Item.type == "thought_record")))
    assert len(records) == 3
    assert sum(record.visibility == "community" for record in records) == 2
    assert not any("電車" in record.data["situation"] for record in records)  # in the community's language


def test_a_japanese_demo_community_gets_japanese_records(make_app):
    app = make_app(plugins=["thought_record"], community={"language": "ja"})
    add_demo_content(app)
    with app.app_context():
        situations = [item.data["situation"] for item in db.session.scalars(select(Item))]
    assert len(situations) == 3 and all(has_cjk(text) for text in situations)


def test_a_japanese_community_gets_japanese_messages(make_app):
    app = make_app(plugins=["thought_record"], community={"language": "ja"})
    client = member_client(app, "あおい")
    response = client.post(NEW, data=record_form(emotions=[("悲しい", "abc", "40")]))
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "0から100までの整数で入力してください。" in page and "悲しい：今の強さ（0〜100）" in page


def test_shared_records_carry_the_item_footer(app, aoi, ren):
    """Where reactions or replies go (with reactions: tests/integration/)."""
    mark_item_footers(app)
    shared = create(aoi, situation="Shared", visibility="community")
    private = create(aoi, situation="Private")
    feed = ren.get("/thought-records/").get_data(as_text=True)
    assert f'data-footer-of="{shared}"' in feed and f'data-footer-of="{private}"' not in feed
    assert f'data-footer-of="{shared}"' in ren.get(f"/thought-records/{shared}").get_data(as_text=True)
    assert f'data-footer-of="{private}"' in aoi.get(f"/thought-records/{private}").get_data(as_text=True)


def test_writing_a_thought_record_counts_as_use(app, aoi):
    events = record_usage_events(app)
    create(aoi)
    assert events == [("aoi", "thought_record")]
