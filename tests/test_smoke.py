from forum.testing import add_board, member_client


def test_member_creates_topic_and_sees_it_listed(app):
    add_board(app)
    client = member_client(app, "aoi")
    response = client.post("/b/general/new", data={"title": "Hello", "body": "A *small* step"})
    assert response.status_code == 302
    board = client.get("/b/general").get_data(as_text=True)
    assert "Hello" in board
    topic = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "<em>small</em>" in topic
