"""Hypothesis fuzz over every route with parameters and every form (issue 14, "no 500
anywhere"): odd ids (2^31, 2^63, negative), odd text (NUL, control characters, long, any
script), odd query values (``page=²``), random form fields from every form class the app has.
Bounded: a few hundred requests per identity and backend, well under a minute each."""

from __future__ import annotations

import re
import time
from urllib.parse import quote

import pytest

hypothesis = pytest.importorskip("hypothesis")
from flask_wtf import FlaskForm  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from wtforms.fields.core import UnboundField  # noqa: E402

from forum.testing import add_board, add_demo_content, add_user, login  # noqa: E402

PLUGINS = ["reactions", "funcan", "thought_record", "formulation", "profiles", "questionnaires",
           "research", "moderation", "comments"]
# Routes that end the fuzzing identity's session (each has its own tests).
SESSION_ENDING = {"auth.logout", "auth.sign_out_all", "account.delete_account"}
ARGUMENT = re.compile(r"<(?:(\w+)(?:\([^)]*\))?:)?(\w+)>")
BUDGET_SECONDS = 25
EXAMPLES = 250

odd_numbers = st.one_of(st.integers(-5, 40), st.sampled_from([2**31, 2**31 - 1, 2**63, 2**64, 10**30]))
odd_text = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=60),
    st.sampled_from(["", "0", "-1", "²", "٣", "1e9", "\x00", "a\x00b", "\t/evil", "..", "%00",
                     "<script>alert(1)</script>", "x" * 3000, "community", "private", "on",
                     "\u3164", "sоra_mod", "{}", "[]", "null"]),
)


def every_form_field() -> list[str]:
    """The field names of every form class the app defines (core and plugins)."""
    names: set[str] = set()
    pending = list(FlaskForm.__subclasses__())
    while pending:
        form = pending.pop()
        pending.extend(form.__subclasses__())
        names.update(name for name in dir(form) if isinstance(getattr(form, name, None), UnboundField))
    return sorted(names - {"csrf_token"})


def routes(app):
    return sorted((rule for rule in app.url_map.iter_rules() if rule.endpoint != "static"),
                  key=lambda rule: rule.rule)


def url_for_values(rule, values: dict[str, object]) -> str:
    def fill(match: re.Match[str]) -> str:
        return quote(str(values[match.group(2)]), safe="")

    return ARGUMENT.sub(fill, rule.rule)


@st.composite
def requests_for(draw, app_routes, fields):
    rule = draw(st.sampled_from(app_routes))
    values = {}
    for match in ARGUMENT.finditer(rule.rule):
        values[match.group(2)] = draw(odd_numbers if match.group(1) == "int" else odd_text)
    methods = sorted((rule.methods or set()) & {"GET", "POST"})
    method = draw(st.sampled_from(methods))
    query = draw(st.dictionaries(st.sampled_from(["page", "q", "next", "sort", "view", "visibility"]),
                                 odd_text, max_size=2))
    form = draw(st.dictionaries(st.sampled_from(fields), odd_text, max_size=6)) if method == "POST" else {}
    return rule, url_for_values(rule, values), method, query, form


@pytest.fixture
def fuzz_app(make_app):
    app = make_app(plugins=PLUGINS, community={"moderation": "screened"})
    add_board(app)
    add_user(app, "hikari", role="host")
    add_user(app, "sora_mod", role="moderator")
    add_demo_content(app)  # real ids to hit among the odd ones
    return app


def known_whoosh_failure(records) -> bool:
    """Whoosh now and then reads a segment file another commit is still writing (``Unknown file
    header b''``). The backend retries the open a few times; should every try still meet it,
    the run is marked, not passed silently (a known limit, named in the issue's note)."""
    last = next((r for r in reversed(records) if r.exc_info), None)
    return last is not None and type(last.exc_info[1]).__name__ == "FileFormatError"


@pytest.mark.parametrize("identity", ["visitor", "host"])
def test_no_route_or_form_answers_500(fuzz_app, identity, caplog):
    app_routes = routes(fuzz_app)
    if identity != "visitor":
        app_routes = [rule for rule in app_routes if rule.endpoint not in SESSION_ENDING]
    fields = every_form_field()
    assert len(app_routes) > 40 and {"body", "password", "visibility"} <= set(fields)
    client = fuzz_app.test_client()
    if identity != "visitor":
        login(client, "hikari")
    started = time.monotonic()
    seen: set[str] = set()
    whoosh_failures: list[str] = []

    @settings(max_examples=EXAMPLES, deadline=None, database=None,
              suppress_health_check=list(HealthCheck))
    @given(requests_for(app_routes, fields))
    def one_request(request) -> None:
        rule, url, method, query, form = request
        if time.monotonic() - started > BUDGET_SECONDS:
            return
        seen.add(rule.endpoint)
        caplog.clear()
        response = client.open(url, method=method, query_string=query, data=form)
        if response.status_code == 500 and known_whoosh_failure(caplog.records):
            whoosh_failures.append(f"{method} {url}")
            return
        assert response.status_code < 500, (method, url, query, form, response.status_code)

    one_request()
    assert len(seen) > 20  # the budget let it reach most routes
    if whoosh_failures:
        pytest.xfail(f"Whoosh segment read before written (issue 14 item 15): {whoosh_failures[:3]}")
