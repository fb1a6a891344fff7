from sqlalchemy import select

from forum.builtins.discussions.tests.test_discussions import new_topic
from forum.core.api import Item, db
from forum.testing import add_board, member_client


def test_help_page_lists_crisis_resources(make_app):
    app = make_app(community={"crisis_resources": [
        {"name": "Samaritans", "phone": "116 123", "url": "https://www.samaritans.org"}]})
    page = app.test_client().get("/help").get_data(as_text=True)
    assert "Samaritans" in page and 'href="tel:116123"' in page


def test_member_exports_and_deletes_their_data(app):
    add_board(app)
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    topic = new_topic(aoi, "My story", "Words about me")
    data = aoi.get("/me/export.json")
    assert data.headers["Content-Disposition"].startswith("attachment")
    assert data.get_json()["items"][0]["text"] == "Words about me"
    wrong = aoi.post("/me/delete", data={"password": "wrong password"})
    assert wrong.status_code == 422 and "not right" in wrong.get_data(as_text=True)
    assert aoi.post("/me/delete", data={"password": "correct horse battery"}).status_code == 302
    assert ren.get(f"/t/{topic}").status_code == 404 and ren.get("/u/aoi").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Item)) is None


def test_unknown_urls_and_methods_get_friendly_pages(client):
    missing = client.get("/no/such/page")
    assert missing.status_code == 404 and "Page not found" in missing.get_data(as_text=True)
    assert client.get("/t/99999").status_code == 404
    assert client.get("/t/abc").status_code == 404
    wrong_method = client.delete("/")
    assert wrong_method.status_code == 405 and "Traceback" not in wrong_method.get_data(as_text=True)
    assert client.get("/u/nobody").status_code == 404
