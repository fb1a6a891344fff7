import re
import xml.etree.ElementTree as ET

import pytest
from markupsafe import escape
from sqlalchemy import select

from forum.core.api import Item, db, has_cjk
from forum.testing import add_demo_content, member_client, record_usage_events
from plugins.formulation.cycle import columns

NEW = "/formulations/new"
SVG = "{http://www.w3.org/2000/svg}"


def cycle_form(**fields):
    return {"situation": "Asked to give a talk at the Monday meeting.",
            "thoughts": "I'll go blank and everyone will notice.",
            "feelings": "Anxious", "sensations": "Heart racing, shaky hands",
            "behaviour": "Called in sick.", "visibility": "private"} | fields


def create(client, **fields):
    response = client.post(NEW, data=cycle_form(**fields))
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rstrip("/").split("/")[-1])


def drawings(page):
    """Every inline SVG on a page, parsed as XML (fails if one is not well-formed)."""
    return [ET.fromstring(svg) for svg in re.findall(r"<svg\b.*?</svg>", page, re.S)]


def box_lines(svg, key):
    group = svg.find(f"{SVG}g[@class='part-{key}']")
    return [tspan.text for tspan in group.iter(f"{SVG}tspan")]


@pytest.fixture
def app(make_app):
    return make_app(plugins=["formulation"])


@pytest.fixture
def aoi(app):
    return member_client(app, "aoi")


@pytest.fixture
def ren(app):
    return member_client(app, "ren")


def test_member_draws_a_cycle_with_a_text_alternative(app, aoi):
    assert aoi.get(NEW).status_code == 200
    formulation_id = create(aoi)
    page = aoi.get(f"/formulations/{formulation_id}").get_data(as_text=True)
    [svg] = drawings(page)
    assert svg.get("role") == "img"
    title, desc = svg.find(f"{SVG}title"), svg.find(f"{SVG}desc")
    assert title.text == "Formulation cycle by aoi" and "behaviour back to thoughts" in desc.text
    assert svg.get("aria-labelledby") == title.get("id") and svg.get("aria-describedby") == desc.get("id")
    assert box_lines(svg, "feelings") == ["Anxious"]
    assert len(svg.findall(f"{SVG}line")) == 5  # situation -> thoughts, and the four-part cycle
    assert "<dt>Body" in page and "Heart racing, shaky hands</p></dd>" in page
    with app.app_context():
        formulation = db.session.get(Item, formulation_id)
        assert formulation.visibility == "private"
        assert formulation.data["sensations"] == "Heart racing, shaky hands"


def test_member_text_is_escaped_and_japanese_wraps_inside_its_box(aoi):
    thoughts = "みんなの前で話すと、きっと声が震えて変に思われるに違いない。"
    formulation_id = create(aoi, situation='<script>alert("x")</script> & more', thoughts=thoughts)
    page = aoi.get(f"/formulations/{formulation_id}").get_data(as_text=True)
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; more" in page
    [svg] = drawings(page)
    assert box_lines(svg, "situation") == ['<script>alert("x")</script> & more']
    lines = box_lines(svg, "thoughts")
    assert len(lines) > 1 and "".join(lines) == thoughts
    assert all(columns(line) <= 26 for line in lines)


def test_long_text_is_shortened_in_the_drawing_but_full_in_words(aoi):
    long_text = "I keep going over it again and again. " * 12
    formulation_id = create(aoi, behaviour=long_text.strip())
    page = aoi.get(f"/formulations/{formulation_id}").get_data(as_text=True)
    [svg] = drawings(page)
    assert box_lines(svg, "behaviour")[-1].endswith("…")
    assert "Some parts are shortened in the drawing" in page and long_text.strip() in page


def test_empty_part_is_a_form_message_and_keeps_the_rest(aoi):
    for field, message in (("situation", "Describe the situation."),
                           ("thoughts", "Write the thoughts that went through your mind."),
                           ("feelings", "Write how you felt."),
                           ("sensations", "Write what you noticed in your body."),
                           ("behaviour", "Write what you did.")):
        response = aoi.post(NEW, data=cycle_form(**{field: " "}))
        assert response.status_code == 422, field
        page = response.get_data(as_text=True)
        kept = [value for name, value in cycle_form().items() if name not in (field, "visibility")]
        assert message in page and all(str(escape(value)) in page for value in kept), field


def test_overlong_part_is_a_form_message(app, aoi):
    response = aoi.post(NEW, data=cycle_form(thoughts="考" * 501))
    assert response.status_code == 422
    assert "Keep this under 500 characters." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Item.id).where(Item.type == "formulation")) is None


def test_private_formulation_is_hidden_until_shared_and_after_unsharing(aoi, ren):
    formulation_id = create(aoi, situation="A private situation")
    page = f"/formulations/{formulation_id}"
    assert ren.get(page).status_code == 404
    feed = ren.get("/formulations/").get_data(as_text=True)
    assert "A private situation" not in feed and "No shared formulations yet." in feed

    aoi.post(f"/items/{formulation_id}/visibility", data={"visibility": "community"})
    assert ren.get(page).status_code == 200
    assert "A private situation" in ren.get("/formulations/").get_data(as_text=True)

    aoi.post(f"/items/{formulation_id}/visibility", data={"visibility": "private"})
    assert ren.get(page).status_code == 404
    assert "A private situation" not in ren.get("/formulations/").get_data(as_text=True)


def test_only_the_author_edits_or_deletes(app, aoi, ren):
    formulation_id = create(aoi, visibility="community")
    assert "A shared" not in ren.get("/formulations/mine").get_data(as_text=True)
    assert ren.get(f"/formulations/{formulation_id}/edit").status_code == 404
    assert ren.post(f"/formulations/{formulation_id}/edit", data=cycle_form()).status_code == 404
    assert ren.post(f"/items/{formulation_id}/delete").status_code == 404
    with app.app_context():
        assert db.session.get(Item, formulation_id).status == "published"

    form = aoi.get(f"/formulations/{formulation_id}/edit").get_data(as_text=True)
    assert "Called in sick." in form and 'checked id="visibility-1"' in form
    edited = aoi.post(f"/formulations/{formulation_id}/edit", data=cycle_form(behaviour="Went anyway."))
    assert edited.status_code == 302
    assert ren.get(f"/formulations/{formulation_id}").status_code == 404  # the edit made it private
    assert "Went anyway." in aoi.get(f"/formulations/{formulation_id}").get_data(as_text=True)
    aoi.post(f"/items/{formulation_id}/delete", data={"next": "/formulations/mine"})
    assert aoi.get(f"/formulations/{formulation_id}").status_code == 404
    assert "Went anyway." not in aoi.get("/formulations/mine").get_data(as_text=True)


def test_shared_feed_lists_each_drawing_with_its_words(aoi, ren):
    create(aoi, situation="First", visibility="community")
    create(aoi, situation="電車の中で", feelings="不安", visibility="community")
    feed = ren.get("/formulations/").get_data(as_text=True)
    svgs = drawings(feed)
    assert len(svgs) == 2 and len({svg.find(f"{SVG}title").get("id") for svg in svgs}) == 2
    assert feed.count("The cycle in words") == 2 and "不安" in feed


def test_members_only_unless_public_read(make_app):
    app = make_app(plugins=["formulation"], community={"public_read": False})
    response = app.test_client().get("/formulations/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_nav_link_and_routes_go_when_the_plugin_is_removed(make_app):
    with_plugin = member_client(make_app(plugins=["formulation"]), "aoi")
    assert 'href="/formulations/"' in with_plugin.get("/").get_data(as_text=True)
    without = member_client(make_app(), "ren")
    assert 'href="/formulations/"' not in without.get("/").get_data(as_text=True)
    assert without.get("/formulations/").status_code == 404
    assert without.get(NEW).status_code == 404


def test_demo_content_has_shared_and_private_formulations(app):
    add_demo_content(app)
    with app.app_context():
        formulations = list(db.session.scalars(select(Item).where(Item.type == "formulation")))
    assert len(formulations) == 3
    assert sum(f.visibility == "community" for f in formulations) == 2
    assert not any("返信" in f.data["situation"] for f in formulations)  # in the community's language


def test_a_japanese_demo_community_gets_japanese_formulations(make_app):
    app = make_app(plugins=["formulation"], community={"language": "ja"})
    add_demo_content(app)
    with app.app_context():
        situations = [item.data["situation"] for item in db.session.scalars(select(Item))]
    assert len(situations) == 3 and all(has_cjk(text) for text in situations)


def test_a_japanese_community_draws_japanese_labels(make_app):
    app = make_app(plugins=["formulation"], community={"language": "ja"})
    client = member_client(app, "みか")
    formulation_id = create(client, thoughts="嫌われたかもしれない")
    [svg] = drawings(client.get(f"/formulations/{formulation_id}").get_data(as_text=True))
    labels = [group.find(f"{SVG}text").text for group in svg.iter(f"{SVG}g")]
    assert labels == ["状況", "考え", "気分", "からだ", "行動"]
    assert svg.find(f"{SVG}title").text == "みかさんのフォーミュレーション（循環図）"


def test_writing_or_reading_others_formulations_counts_as_use(app, aoi, ren):
    events = record_usage_events(app)
    aoi.get("/formulations/mine")  # opening one's own list is not a use
    assert events == []
    shared = create(aoi, visibility="community")
    assert events == [("aoi", "formulation")]
    ren.get(f"/formulations/{shared}")
    aoi.get(f"/formulations/{shared}")  # one's own entry: not counted
    assert events == [("aoi", "formulation"), ("ren", "formulation")]
