"""Discussions: boards of topics, the topic form, authorship, privacy and the read rule."""


from forum.testing import add_board, member_client


def new_topic(client, title="A topic", body="Some words"):
    response = client.post("/b/general/new", data={"title": title, "body": body})
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_board_pagination_and_bad_page_numbers(app):
    add_board(app)
    client = member_client(app, "aoi")
    for number in range(23):
        new_topic(client, f"Topic {number:02d}")
    first = client.get("/b/general").get_data(as_text=True)
    assert "Topic 22" in first and "Topic 02" not in first and "Page 1 of 2" in first
    assert "Topic 02" in client.get("/b/general?page=2").get_data(as_text=True)
    for bad in ("0", "-1", "abc", "3", "99999999999"):
        assert client.get(f"/b/general?page={bad}").status_code == 404


def test_topic_form_validation_keeps_the_text(app):
    add_board(app)
    client = member_client(app, "aoi")
    response = client.post("/b/general/new", data={"title": "", "body": "my careful words"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422
    assert "Give your topic a title." in page and "my careful words" in page
    too_long = client.post("/b/general/new", data={"title": "t" * 151, "body": "x"})
    assert too_long.status_code == 422 and "under 150 characters" in too_long.get_data(as_text=True)


def test_japanese_topic_end_to_end(app):
    add_board(app)
    client = member_client(app, "あおい")
    topic = new_topic(client, "はじめまして", "今日は気分が少し良い。")
    assert "今日は気分が少し良い。" in client.get(f"/t/{topic}").get_data(as_text=True)
    assert "はじめまして" in client.get("/b/general").get_data(as_text=True)
    assert "はじめまして" in client.get("/u/あおい").get_data(as_text=True)


def test_only_the_author_edits_or_deletes_a_topic(app):
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = new_topic(aoi)
    assert ren.get(f"/t/{topic}/edit").status_code == 404
    assert ren.post(f"/t/{topic}/edit", data={"title": "x", "body": "y"}).status_code == 404
    assert ren.post(f"/t/{topic}/delete").status_code == 404
    assert ren.post(f"/items/{topic}/delete").status_code == 404
    assert aoi.post(f"/t/{topic}/edit", data={"title": "New title", "body": "y"}).status_code == 302
    assert "New title" in ren.get(f"/t/{topic}").get_data(as_text=True)
    assert aoi.post(f"/t/{topic}/delete").status_code == 302
    assert ren.get(f"/t/{topic}").status_code == 404
    assert aoi.get(f"/t/{topic}").status_code == 404


def test_private_items_stay_private(app):
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = new_topic(aoi, "Only mine")
    assert aoi.post(f"/items/{topic}/visibility", data={"visibility": "private"}).status_code == 302
    assert ren.get(f"/t/{topic}").status_code == 404
    assert "Only mine" not in ren.get("/b/general").get_data(as_text=True)
    assert "Only mine" not in ren.get("/u/aoi").get_data(as_text=True)
    assert "Only mine" in aoi.get("/b/general").get_data(as_text=True)
    assert ren.post(f"/items/{topic}/visibility", data={"visibility": "community"}).status_code == 404
    assert aoi.post(f"/items/{topic}/visibility", data={"visibility": "world"}).status_code == 400
    aoi.post(f"/items/{topic}/visibility", data={"visibility": "community"})
    assert ren.get(f"/t/{topic}").status_code == 200


def test_members_only_community_sends_visitors_to_sign_in(make_app):
    app = make_app(community={"public_read": False})
    add_board(app)
    client = app.test_client()
    assert client.get("/b/general").status_code == 302
    assert "/login" in client.get("/b/general").headers["Location"]
    assert client.get("/").status_code == 200 and client.get("/help").status_code == 200


def test_demo_content_opens_the_first_board_with_a_topic_in_the_community_language(make_app):
    from forum.testing import add_demo_content

    app = make_app(community={"language": "ja"})
    add_board(app)
    add_demo_content(app)
    page = app.test_client().get("/b/general").get_data(as_text=True)
    assert "はじめまして" in page
