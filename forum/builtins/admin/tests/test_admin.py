"""Administration: boards, members, sanctions, registration and invitations, the configuration
page, and who may do each (members and moderators refused with 403, never a 500)."""

import re
from datetime import timedelta

import pytest
from sqlalchemy import event, select

from forum.builtins.admin.actions import hash_code
from forum.builtins.admin.models import InviteCode, Sanction
from forum.core.api import AuditEvent, Board, ConfigError, Item, User, db, submit
from forum.testing import NOTE_PLUGIN, PASSWORD, add_board, add_user, login, member_client


def audit_actions(app):
    with app.app_context():
        return [event.action for event in db.session.scalars(select(AuditEvent).order_by(AuditEvent.id))]


def board_row(app, slug):
    with app.app_context():
        board = db.session.scalar(select(Board).where(Board.slug == slug))
        db.session.expunge(board)
        return board


def user_row(app, name):
    with app.app_context():
        return db.session.scalar(select(User).where(User.username == name))


HOST_PAGES = ["/admin/", "/admin/boards", "/admin/registration", "/admin/config"]


def test_members_get_403_on_every_admin_page_and_action(app):
    board_id = add_board(app)
    target = add_user(app, "ren")
    member = member_client(app, "aoi")
    for path in [*HOST_PAGES, "/admin/members", f"/admin/members/{target.id}"]:
        assert member.get(path).status_code == 403, path
    posts = {"/admin/boards": {"title": "Mine"}, f"/admin/boards/{board_id}": {"title": "X"},
             f"/admin/boards/{board_id}/archive": {}, f"/admin/boards/{board_id}/move": {"direction": "up"},
             f"/admin/members/{target.id}/role": {"role": "host"},
             f"/admin/members/{target.id}/sanctions": {"kind": "suspend", "reason": "x", "days": "1"},
             "/admin/registration": {"label": "cohort"}}
    for path, data in posts.items():
        assert member.post(path, data=data).status_code == 403, path
    assert audit_actions(app) == [] and user_row(app, "aoi").role == "member"


def test_visitors_are_sent_to_sign_in(app):
    response = app.test_client().get("/admin/members")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_moderators_sanction_members_but_not_hosts_pages_roles_or_other_moderators(app):
    member = add_user(app, "ren")
    other_moderator = add_user(app, "kai", role="moderator")
    moderator = member_client(app, "sora", role="moderator")
    for path in HOST_PAGES:
        assert moderator.get(path).status_code == 403, path
    assert moderator.post(f"/admin/members/{member.id}/role", data={"role": "host"}).status_code == 403
    page = moderator.get(f"/admin/members/{member.id}").get_data(as_text=True)
    assert "Warn, silence or suspend" in page and "Change role" not in page
    assert moderator.post(f"/admin/members/{other_moderator.id}/sanctions",
                          data={"kind": "suspend", "reason": "no", "days": "1"}).status_code == 403
    response = moderator.post(f"/admin/members/{member.id}/sanctions",
                              data={"kind": "warn", "reason": "Please be kind.", "days": "0"})
    assert response.status_code == 302
    assert audit_actions(app) == ["member_warn"]
    assert "Members" in moderator.get("/").get_data(as_text=True)


def test_host_creates_renames_describes_reorders_and_archives_boards(app):
    host = member_client(app, "hikari", role="host")
    assert "No boards yet" in host.get("/admin/boards").get_data(as_text=True)
    assert host.post("/admin/boards", data={"title": "Welcome", "slug": "", "description": "Say hi",
                                            "moderation": "", "topic_starters": "members"}).status_code == 302
    host.post("/admin/boards", data={"title": "回復の体験談", "slug": "", "moderation": "post",
                                     "topic_starters": "moderators"})
    welcome, japanese = board_row(app, "welcome"), board_row(app, "board-2")
    assert welcome.description == "Say hi" and japanese.title == "回復の体験談"
    assert japanese.moderation == "post" and japanese.topic_starters == "moderators"
    home = app.test_client().get("/").get_data(as_text=True)
    assert home.index("Welcome") < home.index("回復の体験談")

    host.post(f"/admin/boards/{japanese.id}/move", data={"direction": "up"})
    home = app.test_client().get("/").get_data(as_text=True)
    assert home.index("回復の体験談") < home.index("Welcome")

    host.post(f"/admin/boards/{welcome.id}", data={"title": "Hello", "slug": "hello",
                                                    "description": "New words", "moderation": "",
                                                    "topic_starters": "members"})
    renamed = board_row(app, "hello")
    assert renamed.title == "Hello" and renamed.description == "New words"

    host.post(f"/admin/boards/{renamed.id}/archive")
    assert "Hello" not in app.test_client().get("/").get_data(as_text=True)
    member = member_client(app, "aoi")
    assert "archived" in member.get("/b/hello").get_data(as_text=True)
    assert member.post("/b/hello/new", data={"title": "t", "body": "b"}).status_code == 403
    assert audit_actions(app) == ["board_create", "board_create", "board_move", "board_update",
                                  "board_archive"]


def test_board_form_mistakes_are_422_with_the_text_kept(app):
    add_board(app, "general")
    host = member_client(app, "hikari", role="host")
    response = host.post("/admin/boards", data={"title": "Another", "slug": "general",
                                                "description": "kept words", "topic_starters": "members"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "already uses the address" in page and "kept words" in page
    response = host.post("/admin/boards", data={"title": "Bad", "slug": "Not A Slug!",
                                                "topic_starters": "members"})
    assert response.status_code == 422 and "Lower-case letters" in response.get_data(as_text=True)
    assert host.post("/admin/boards", data={"title": "", "topic_starters": "members"}).status_code == 422
    assert host.post("/admin/boards", data={"title": "x", "moderation": "nope",
                                            "topic_starters": "members"}).status_code == 422
    response = host.post("/admin/boards", data={"title": "Held", "moderation": "pre",
                                                "topic_starters": "members"})
    assert response.status_code == 422 and "reviews held posts" in response.get_data(as_text=True)
    assert host.post("/admin/boards/999/archive").status_code == 404
    assert host.post("/admin/boards/1/move", data={"direction": "sideways"}).status_code == 400


def test_board_moderation_override_and_topic_starters_are_honoured(make_app):
    app = make_app()
    with app.app_context():
        db.session.add(Board(slug="staff", title="News", topic_starters="moderators"))
        db.session.commit()
    member = member_client(app, "aoi")
    assert member.get("/b/staff/new").status_code == 403
    assert "Moderators start the topics" in member.get("/b/staff").get_data(as_text=True)
    moderator = member_client(app, "sora", role="moderator")
    assert moderator.post("/b/staff/new", data={"title": "Rules", "body": "Be kind"}).status_code == 302


def test_pre_moderated_board_holds_posts_in_a_post_moderated_community(make_app):
    pytest.importorskip("plugins.moderation")  # a review queue, without which "pre" is refused
    app = make_app(plugins=["moderation"], community={"moderation": "post"})
    with app.app_context():
        db.session.add_all([Board(slug="open", title="Open"), Board(slug="careful", title="Careful",
                                                                     moderation="pre")])
        db.session.commit()
    member = member_client(app, "aoi")
    member.post("/b/open/new", data={"title": "One", "body": "words"})
    member.post("/b/careful/new", data={"title": "Two", "body": "words"})
    with app.app_context():
        statuses = dict(db.session.execute(select(Item.title, Item.status)).all())
    assert statuses == {"One": "published", "Two": "held"}


def test_host_changes_roles_and_the_last_host_stays(app):
    member = add_user(app, "ren")
    host = member_client(app, "hikari", role="host")
    assert host.post(f"/admin/members/{member.id}/role", data={"role": "moderator"}).status_code == 302
    assert user_row(app, "ren").role == "moderator"
    me = user_row(app, "hikari")
    response = host.post(f"/admin/members/{me.id}/role", data={"role": "member"})
    assert response.status_code == 409 and "at least one host" in response.get_data(as_text=True)
    assert host.post(f"/admin/members/{member.id}/role", data={"role": "king"}).status_code == 422
    with app.app_context():
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "role_change"))
        assert event.details == {"before": "member", "after": "moderator"}
        assert event.actor_id == me.id and event.target_id == member.id


def test_members_list_and_search_by_pseudonym(app):
    for name in ("aoi", "Aoba", "ren"):
        add_user(app, name)
    host = member_client(app, "hikari", role="host")
    page = host.get("/admin/members?q=ＡＯ").get_data(as_text=True)
    assert "aoi" in page and "Aoba" in page and ">ren<" not in page
    assert ">ren<" in host.get("/admin/members").get_data(as_text=True)
    assert "No member" in host.get("/admin/members?q=%25_zz").get_data(as_text=True)


def test_suspended_member_is_signed_out_told_why_and_cannot_sign_in_until_lifted(app):
    member = member_client(app, "aoi")
    host = member_client(app, "hikari", role="host")
    target = user_row(app, "aoi")
    host.post(f"/admin/members/{target.id}/sanctions",
              data={"kind": "suspend", "reason": "Repeated insults.", "days": "0"})
    response = member.get("/", follow_redirects=True)
    page = response.get_data(as_text=True)
    assert "Your account is suspended." in page and "Repeated insults." in page
    assert "Sign out" not in page
    again = app.test_client()
    response = again.post("/login", data={"username": "aoi", "password": PASSWORD})
    assert response.status_code == 422 and "Repeated insults." in response.get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(Sanction))
    host.post(f"/admin/sanctions/{entry.id}/lift", data={"reason": "talked it through"})
    login(again, "aoi")
    assert audit_actions(app) == ["member_suspend", "member_lift"]


def statements_of(app, client, path):
    seen = []
    with app.app_context():
        engine = db.engine

    def record(*args):
        seen.append(args[2])

    event.listen(engine, "before_cursor_execute", record)
    try:
        assert client.get(path).status_code == 200
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return seen


def test_sanctions_ride_with_the_session_member_and_still_apply_at_once(app):
    # A member in good standing: no statement of their own on any page. Once sanctioned (by a
    # host in another session), the member's next page reads them and refuses the write.
    add_board(app)
    member = member_client(app, "aoi")
    assert not any("admin_sanctions" in sql and "EXISTS" not in sql
                   for sql in statements_of(app, member, "/b/general"))
    silence(app, "aoi")
    assert any(sql.lstrip().startswith("SELECT admin_sanctions")
               for sql in statements_of(app, member, "/b/general"))
    response = member.post("/b/general/new", data={"title": "Mine", "body": "my own words"})
    assert response.status_code == 422 and "Cooling off." in response.get_data(as_text=True)
    with app.app_context():
        entry = db.session.scalar(select(Sanction))
    host = app.test_client()
    login(host, "hikari")
    host.post(f"/admin/sanctions/{entry.id}/lift", data={"reason": "done"})
    assert member.post("/b/general/new", data={"title": "Mine", "body": "words"}).status_code == 302


def silence(app, name):
    host = member_client(app, "hikari", role="host")
    response = host.post(f"/admin/members/{user_row(app, name).id}/sanctions",
                         data={"kind": "silence", "reason": "Cooling off.", "days": "3"})
    assert response.status_code == 302


def test_silenced_member_reads_but_cannot_post_and_the_text_is_kept(app):
    add_board(app)
    author = member_client(app, "ren")
    author.post("/b/general/new", data={"title": "Hello", "body": "words"})
    member = member_client(app, "aoi")
    silence(app, "aoi")
    assert member.get("/t/1").status_code == 200
    assert "Cooling off." in member.get("/b/general/new").get_data(as_text=True)  # told before writing
    response = member.post("/b/general/new", data={"title": "Mine", "body": "my own words"})
    page = response.get_data(as_text=True)
    assert response.status_code == 422 and "Cooling off." in page and "my own words" in page
    assert "until" in page and "<h2>Your text was not sent yet.</h2>" in page  # no field is wrong
    with app.app_context():
        assert db.session.scalar(select(Item).where(Item.author_id == user_row(app, "aoi").id)) is None


def test_a_japanese_community_gives_the_reason_in_japanese(make_app):
    app = make_app(community={"language": "ja"})
    add_board(app)
    member = member_client(app, "aoi")
    silence(app, "aoi")
    page = member.get("/b/general/new").get_data(as_text=True)
    assert "理由：Cooling off." in page and "Reason" not in page


def test_silenced_member_keeps_private_entries_but_cannot_share_them(make_app):
    app = make_app(plugins=[NOTE_PLUGIN])
    member = member_client(app, "aoi")
    silence(app, "aoi")
    with app.test_request_context():
        aoi = db.session.scalar(select(User).where(User.username == "aoi"))
        private = Item(type="note", author=aoi, visibility="private")
        assert submit(private, {"body": "only for me"}, is_new=True).saved
        item_id = private.id
    response = member.post(f"/items/{item_id}/visibility", data={"visibility": "community"})
    assert response.status_code == 302
    with app.app_context():
        assert db.session.get(Item, item_id).visibility == "private"


def test_silenced_member_cannot_reply_or_react(make_app):
    pytest.importorskip("plugins.comments")
    pytest.importorskip("plugins.reactions")
    app = make_app(plugins=["comments", "reactions", NOTE_PLUGIN], reactions={"note": ["like"]})
    add_board(app)
    member_client(app, "ren").post("/b/general/new", data={"title": "Hello", "body": "words"})
    with app.app_context():
        ren = db.session.scalar(select(User).where(User.username == "ren"))
        db.session.add(Item(type="note", author=ren, body="a note", status="published"))
        db.session.commit()
    member = member_client(app, "aoi")
    silence(app, "aoi")
    topic = member.get("/t/1").get_data(as_text=True)
    assert "Cooling off." in topic and 'class="reply-form"' not in topic  # why, instead of a reply box
    response = member.post("/items/1/replies", data={"body": "a reply"})
    assert response.status_code == 422 and "Cooling off." in response.get_data(as_text=True)
    response = member.post("/items/2/reactions/like")
    assert response.status_code == 403 and "Cooling off." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Item).where(Item.author_id == user_row(app, "aoi").id)) is None


def test_silence_needs_a_duration_and_every_sanction_a_reason(app):
    target = add_user(app, "aoi")
    host = member_client(app, "hikari", role="host")
    response = host.post(f"/admin/members/{target.id}/sanctions",
                         data={"kind": "silence", "reason": "words kept", "days": "0"})
    assert response.status_code == 422 and "how long" in response.get_data(as_text=True)
    assert "words kept" in response.get_data(as_text=True)
    response = host.post(f"/admin/members/{target.id}/sanctions", data={"kind": "warn", "reason": ""})
    assert response.status_code == 422
    me = user_row(app, "hikari")
    assert host.post(f"/admin/members/{me.id}/sanctions",
                     data={"kind": "warn", "reason": "me"}).status_code == 403


def test_a_warning_is_shown_to_the_member_once(app):
    member = member_client(app, "aoi")
    host = member_client(app, "hikari", role="host")
    host.post(f"/admin/members/{user_row(app, 'aoi').id}/sanctions",
              data={"kind": "warn", "reason": "Please keep contact details private.", "days": "0"})
    assert "Please keep contact details private." in member.get("/").get_data(as_text=True)
    assert "Please keep contact details private." not in member.get("/").get_data(as_text=True)
    history = host.get(f"/admin/members/{user_row(app, 'aoi').id}").get_data(as_text=True)
    assert "Please keep contact details private." in history and "seen" in history


def test_invite_codes_shown_once_stored_hashed_with_limits(make_app):
    app = make_app(community={"registration": "invite"})
    host = member_client(app, "hikari", role="host")
    response = host.post("/admin/registration", data={"label": "Clinic A", "max_uses": "1"})
    assert response.headers["Cache-Control"] == "no-store"
    code = re.search(r"<strong>([A-Z0-9]{4}-[A-Z0-9]{4}-[A-Z0-9]{4})</strong>",
                     response.get_data(as_text=True)).group(1)
    listing = host.get("/admin/registration").get_data(as_text=True)
    assert code not in listing and "Clinic A" in listing
    with app.app_context():
        invite = db.session.scalar(select(InviteCode))
        assert invite.code_hash == hash_code(code) and code not in invite.code_hash

    visitor = app.test_client()
    form = visitor.get("/register").get_data(as_text=True)
    assert "Invitation code" in form
    data = {"username": "hana", "password": "long enough pw", "confirm": "long enough pw"}
    response = visitor.post("/register", data={**data, "invite_code": "WRONG-CODE"})
    assert response.status_code == 422 and "not valid" in response.get_data(as_text=True)
    assert visitor.post("/register", data=data).status_code == 422
    assert visitor.post("/register", data={**data, "invite_code": code.lower()}).status_code == 302
    second = app.test_client().post("/register", data={**data, "username": "mei", "invite_code": code})
    assert second.status_code == 422 and "no longer be used" in second.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(InviteCode)).uses == 1
        assert db.session.scalar(select(User).where(User.username == "mei")) is None
    assert audit_actions(app) == ["invite_create", "invite_use"]


def test_revoked_and_expired_codes_are_refused(make_app):
    app = make_app(community={"registration": "invite"})
    host = member_client(app, "hikari", role="host")
    page = host.post("/admin/registration", data={"label": "Cohort"}).get_data(as_text=True)
    code = re.search(r"<strong>([A-Z0-9-]{14})</strong>", page).group(1)
    with app.app_context():
        invite_id = db.session.scalar(select(InviteCode.id))
    host.post(f"/admin/invites/{invite_id}/revoke")
    response = app.test_client().post("/register", data={
        "username": "hana", "password": "long enough pw", "confirm": "long enough pw",
        "invite_code": code})
    assert response.status_code == 422
    assert host.post("/admin/registration", data={"label": "x", "days": "0"}).status_code == 422


@pytest.mark.parametrize("mode, status", [("closed", 403), ("open", 200)])
def test_registration_modes(make_app, mode, status):
    app = make_app(community={"registration": mode})
    response = app.test_client().get("/register")
    assert response.status_code == status
    assert ("Invitation code" in response.get_data(as_text=True)) is False


def test_configuration_page_hides_secrets(make_app):
    app = make_app(community={"secret_key": "very-secret-value-" + "x" * 32, "timezone": "Asia/Tokyo"},
                   limits={"storage_uri": "redis://:hunter2@127.0.0.1:6379/0"})
    host = member_client(app, "hikari", role="host")
    page = host.get("/admin/config").get_data(as_text=True)
    assert "very-secret-value" not in page and "hunter2" not in page
    assert "Asia/Tokyo" in page and "[community]" in page and "secret_key" in page


def test_dates_are_shown_in_the_member_zone_with_its_abbreviation(make_app):
    app = make_app(community={"timezone": "Asia/Tokyo"})
    add_board(app)
    client = member_client(app, "aoi")
    client.post("/b/general/new", data={"title": "Hello", "body": "words"})
    with app.app_context():
        created = db.session.scalar(select(Item.created_at))
    tokyo = (created + timedelta(hours=9)).strftime("%Y-%m-%d %H:%M")
    assert f"{tokyo} JST" in client.get("/t/1").get_data(as_text=True)
    assert client.post("/me/timezone", data={"timezone": "Europe/London"}).status_code == 302
    london = client.get("/t/1").get_data(as_text=True)
    assert " GMT</time>" in london or " BST</time>" in london
    assert client.post("/me/timezone", data={"timezone": "Mars/Olympus"}).status_code == 422
    choices = client.get("/me/data").get_data(as_text=True)
    assert '<option selected value="Europe/London">Europe/London (UTC+0' in choices
    assert '<option value="Asia/Tokyo">Asia/Tokyo (UTC+09:00)</option>' in choices
    assert 'value="Etc/GMT+9"' not in choices and 'value="US/Pacific"' not in choices


def test_a_zone_chosen_before_the_list_was_trimmed_stays_valid(make_app):
    app = make_app()
    client = member_client(app, "aoi")
    with app.app_context():
        db.session.scalar(select(User).where(User.username == "aoi")).timezone = "US/Pacific"
        db.session.commit()
    assert '<option selected value="US/Pacific">' in client.get("/me/data").get_data(as_text=True)
    assert client.post("/me/timezone", data={"timezone": "US/Pacific"}).status_code == 302


def test_admin_actions_are_named_in_the_moderation_audit_log(make_app):
    pytest.importorskip("plugins.moderation")
    app = make_app(plugins=["moderation"], community={"moderation": "post"})
    host = member_client(app, "hikari", role="host")
    host.post("/admin/boards", data={"title": "Welcome", "topic_starters": "members"})
    host.post("/b/welcome/new", data={"title": "First", "body": "words"})  # item 1, like board 1
    page = host.get("/moderation/audit").get_data(as_text=True)
    assert "Board created" in page and "board #1" in page
    assert 'href="/t/1">board #1' not in page


def test_an_unknown_time_zone_stops_start_up_with_the_fix(make_app):
    with pytest.raises(ConfigError, match=r"\[community\] timezone is 'Asia/Tokio'.*Asia/Tokyo"):
        make_app(community={"timezone": "Asia/Tokio"})
    with pytest.raises(ConfigError, match=r"registration.*'open', 'closed', 'invite'"):
        make_app(community={"registration": "invitation"})


def test_closed_registration_hides_the_join_links(make_app):
    app = make_app(community={"registration": "closed"})
    client = app.test_client()
    assert "Join" not in client.get("/login").get_data(as_text=True)
    response = client.post("/register", data={"username": "hana", "password": "long enough pw",
                                              "confirm": "long enough pw"})
    assert response.status_code == 403 and "not taking new members" in response.get_data(as_text=True)


def test_times_outside_a_request_use_the_community_zone(make_app):
    from datetime import datetime

    from forum.core.api import local_time, local_time_text

    app = make_app(community={"timezone": "Asia/Tokyo"})
    with app.app_context():
        assert local_time_text(datetime(2026, 1, 1, 20, 0)) == "2026-01-02 05:00 JST"
        assert str(local_time(datetime(2026, 1, 1, 20, 0), "date")) == (
            '<time datetime="2026-01-01T20:00Z" title="JST">2026-01-02</time>')
