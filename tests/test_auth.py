from sqlalchemy import select

from forum.core.api import User, db
from forum.testing import PASSWORD, add_user, login, member_client

GOOD = "a long enough password"


def register(client, name, password=GOOD, confirm=None):
    return client.post("/register", data={"username": name, "password": password,
                                          "confirm": password if confirm is None else confirm})


def test_register_hashes_password_and_signs_in(app, client):
    response = register(client, "ひかり_2")
    assert response.status_code == 302
    assert "ひかり_2" in client.get("/").get_data(as_text=True)
    with app.app_context():
        user = db.session.scalar(select(User))
        assert user.password_hash.startswith("scrypt:") and GOOD not in user.password_hash
        assert user.role == "member"


def test_usernames_are_unique_ignoring_case_and_width(app, client):
    add_user(app, "Aoi")
    for taken in ("aoi", "AOI", "ＡＯＩ"):
        response = register(client, taken)
        assert response.status_code == 422
        assert "That name is taken" in response.get_data(as_text=True)


def test_registration_validation_messages(client):
    cases = {
        "ab": "3 to 30 characters",
        "x" * 31: "3 to 30 characters",
        "bad name!": "Use letters, numbers",
        "<script>": "Use letters, numbers",
    }
    for name, message in cases.items():
        response = register(client, name)
        assert response.status_code == 422 and message in response.get_data(as_text=True), name
    assert "at least 10 characters" in register(client, "okname", "short").get_data(as_text=True)
    assert "do not match" in register(client, "okname", GOOD, "other one!").get_data(as_text=True)
    assert "&lt;script&gt;" in register(client, "<script>").get_data(as_text=True)


def test_error_summaries_list_the_fields_in_the_order_of_the_page(client, app):
    def summary(path: str) -> list[str]:
        page = client.post(path, data={}).get_data(as_text=True)
        box = page[page.index('class="form-errors"'):page.index("</ul>", page.index('class="form-errors"'))]
        return [name for name in ("Pseudonym", "Your current password", "New password", "Password",
                                  "Repeat password") if f">{name}</a>" in box]

    assert summary("/register") == ["Pseudonym", "Password"]
    client.post("/register", data={"username": "orderly", "password": GOOD, "confirm": GOOD})
    assert summary("/me/password") == ["Your current password", "New password"]


def test_login_logout_and_wrong_password(app, client):
    add_user(app, "ren")
    wrong = client.post("/login", data={"username": "ren", "password": "nope nope"})
    assert wrong.status_code == 422 and "do not match" in wrong.get_data(as_text=True)
    unknown = client.post("/login", data={"username": "nobody", "password": "nope nope"})
    assert "do not match" in unknown.get_data(as_text=True)  # same message: no name probing
    login(client, "REN")  # names are case-insensitive at sign-in too
    assert client.post("/logout").status_code == 302
    assert "Sign in" in client.get("/").get_data(as_text=True)


def test_login_redirects_only_to_this_site(app, client):
    add_user(app, "ren")
    for target, expected in [("/b/x", "/b/x"), ("https://evil.example/", "/"), ("//evil", "/"),
                             ("/\\evil", "/")]:
        response = client.post(f"/login?next={target}", data={"username": "ren", "password": PASSWORD})
        assert response.headers["Location"] == expected
        client.post("/logout")


def test_closed_registration(make_app):
    app = make_app(community={"registration_open": False})
    assert app.test_client().get("/register").status_code == 403


def test_create_user_command_makes_a_moderator(app, tmp_path):
    from click.testing import CliRunner

    from forum.cli import AppContext, cli

    runner = CliRunner()
    context = AppContext(None)
    context._app = app
    result = runner.invoke(cli, ["create-user", "sora", "--role", "moderator", "--password", GOOD],
                           obj=context, standalone_mode=False)
    assert result.exception is None, result.output
    with app.app_context():
        assert db.session.scalar(select(User.role).where(User.username == "sora")) == "moderator"
    bad = runner.invoke(cli, ["create-user", "bad name", "--password", GOOD], obj=context)
    assert bad.exit_code != 0 and "Use letters" in bad.output


def test_members_cannot_reach_host_only_views(app):
    client = member_client(app, "aoi")
    assert client.get("/me/data").status_code == 200
    assert app.test_client().get("/me/data").status_code == 302  # visitors are sent to sign in
