"""Research measures the functions that the enabled plugins offer."""

import re

from forum.testing import member_client


def test_functions_follow_the_enabled_plugins(make_app):
    app = make_app(plugins=["reactions", "funcan", "research"], reactions={"funcan": ["like"]})
    page = member_client(app, "aoi").get("/research/").get_data(as_text=True)
    listed = page[page.index("<ul><li>"):page.index("</ul>", page.index("<ul><li>"))]
    assert re.findall(r"<li>([^<]+)</li>", listed) == [
        "Signing in", "Reacting to others&#39; posts", "Reading profiles", "FunCan", "Discussions"]
