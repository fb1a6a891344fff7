"""Thought records answered with a reaction only, as the community configured (thought_record, reactions)."""

from forum.testing import member_client


def create(client, situation: str, visibility: str) -> int:
    data = {"situation": situation, "automatic_thoughts": "She is angry with me.",
            "balanced_thought": "She is probably busy.", "visibility": visibility,
            "emotions-0-name": "Sad", "emotions-0-before": "80", "emotions-0-after": "45"}
    response = client.post("/thought-records/new", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(response.headers["Location"].rsplit("/", 1)[1])


def test_shared_records_carry_the_configured_reaction_footer(make_app):
    app = make_app(plugins=["thought_record", "reactions"], reactions={"thought_record": ["empathy"]})
    aoi, ren = member_client(app, "aoi"), member_client(app, "ren")
    shared = create(aoi, "Shared", "community")
    private = create(aoi, "Private", "private")
    feed = ren.get("/thought-records/").get_data(as_text=True)
    assert f'action="/items/{shared}/reactions/empathy"' in feed
    form = aoi.get("/thought-records/new").get_data(as_text=True)
    assert "reaction only, never with written comments" in form
    assert ren.post(f"/items/{shared}/reactions/empathy").status_code == 302
    assert 'aria-pressed="true"' in ren.get(f"/thought-records/{shared}").get_data(as_text=True)
    assert ren.post(f"/items/{private}/reactions/empathy").status_code == 404
