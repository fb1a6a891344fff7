"""Compressed pages and CSS, ETag/304, long-lived versioned static URLs, one TCP window."""

import random
import re

from forum.core.api import Item, db
from forum.testing import add_board, member_client

TEXT = ("today I walked to the park and felt a little calmer after a hard week at work my "
        "friend called and we talked about sleep anxiety small steps breakfast music rain "
        "thank you for sharing this it helps to know others feel the same way")
WORDS = TEXT.split()


def _topic_with_replies(app, count=50):
    rng = random.Random(3)
    with app.app_context():
        from forum.core.api import User
        author = db.session.scalar(db.select(User))
        topic = Item(type="discussion", author_id=author.id, board_id=1, title="A hard week",
                     body="How do you get through it?", body_html="<p>How do you get through it?</p>")
        db.session.add(topic)
        db.session.flush()
        for _ in range(count):
            text = " ".join(rng.choices(WORDS, k=60)).capitalize() + "."  # ~350 distinct characters
            db.session.add(Item(type="reply", author_id=author.id, parent_id=topic.id, board_id=1,
                                body=text, body_html=f"<p>{text}</p>"))
        db.session.commit()
        return topic.id


def _first_view_bytes(client, path, encoding):
    page = client.get(path, headers={"Accept-Encoding": encoding})
    assert page.status_code == 200 and page.headers["Content-Encoding"] == encoding
    plain = client.get(path).get_data(as_text=True)
    css_url = re.search(r'href="(/static/forum\.css\?v=\w+)"', plain).group(1)
    css = client.get(css_url, headers={"Accept-Encoding": encoding})
    assert css.headers["Content-Encoding"] == encoding
    return len(page.data) + len(css.data), plain


def test_first_view_of_a_topic_with_50_replies_fits_one_tcp_window(make_app):
    app = make_app(plugins=["comments"])
    add_board(app)
    member_client(app, "aoi")
    topic = _topic_with_replies(app)
    visitor = app.test_client(use_cookies=False)
    for encoding in ("gzip", "br"):
        weight, plain = _first_view_bytes(visitor, f"/t/{topic}", encoding)
        assert plain.count('class="reply"') == 50
        assert weight <= 14 * 1024, f"{encoding}: {weight} bytes"


def test_pages_answer_304_to_their_etag_and_static_urls_are_immutable(make_app):
    app = make_app()
    add_board(app)
    visitor = app.test_client(use_cookies=False)
    first = visitor.get("/b/general")
    etag = first.headers["ETag"]
    assert visitor.get("/b/general", headers={"If-None-Match": etag}).status_code == 304
    css_url = re.search(r'href="(/static/forum\.css\?v=\w+)"', first.get_data(as_text=True)).group(1)
    css = visitor.get(css_url)
    assert "immutable" in css.headers["Cache-Control"] and "max-age=31536000" in css.headers["Cache-Control"]
    assert "Accept-Encoding" in visitor.get("/b/general", headers={"Accept-Encoding": "gzip"}).headers["Vary"]
    assert "Content-Encoding" not in visitor.get("/b/general").headers  # asked for nothing
