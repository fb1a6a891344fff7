"""Every string a person reads has a Japanese translation, in the core and in every plugin."""

import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from forum.testing import add_board, member_client

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [ROOT / "forum" / "core",
           *sorted(p for parent in (ROOT / "forum" / "builtins", ROOT / "forum" / "testing_plugins",
                                          ROOT / "plugins")
                   for p in parent.iterdir() if (p / "__init__.py").exists())]


def catalog(path: Path):
    with path.open("rb") as handle:
        return read_po(handle)


def message_ids(cat) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in cat if m.id}


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda p: p.name)
def test_japanese_catalog_is_complete_and_current(folder, tmp_path):
    if not any(folder.rglob("*.html")) and "gettext" not in "".join(
            p.read_text(encoding="utf-8") for p in folder.rglob("*.py")):
        pytest.skip("no translatable text")
    po = folder / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
    assert po.exists(), f"run: python scripts/translations.py {folder.relative_to(ROOT)}"
    assert po.with_suffix(".mo").exists()
    pot = tmp_path / "messages.pot"
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", "-q", "extract", "-F",
                    str(ROOT / "babel.cfg"), "-k", "_l", "-k", "lazy_gettext", "-o", str(pot),
                    str(folder)], check=True, cwd=ROOT, capture_output=True)
    japanese = catalog(po)
    missing = message_ids(catalog(pot)) - message_ids(japanese)
    assert not missing, f"not in the catalog (run scripts/translations.py): {sorted(missing)[:5]}"
    untranslated = [m.id for m in japanese if m.id and (
        "fuzzy" in m.flags or not (m.string if isinstance(m.string, str) else all(m.string)))]
    assert not untranslated, f"untranslated: {untranslated[:5]}"


def test_a_message_has_one_japanese_translation_in_every_catalog():
    """An app merges every enabled plugin's catalog into one: where two catalogs translate the
    same English text differently, one of them is wrong on screen ("Members" as a count)."""
    translations: dict[str, dict[str, str]] = {}
    for folder in [*FOLDERS, *sorted(p.parent for p in (ROOT / "examples").glob("*/*/translations"))]:
        po = folder / "translations" / "ja" / "LC_MESSAGES" / "messages.po"
        if po.exists():
            for message in catalog(po):
                if message.id and message.string:
                    key = repr((message.context, message.id))
                    translations.setdefault(key, {})[str(message.string)] = folder.name
    clashes = {key: found for key, found in translations.items() if len(found) > 1}
    assert not clashes, f"one English text, several translations: {clashes}"


def test_a_japanese_community_speaks_japanese(make_app):
    app = make_app(community={"language": "ja", "name": "ひだまり"})
    add_board(app, "zatsudan", "雑談")
    client = member_client(app, "あおい")
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="ja">' in page and "掲示板" in page and "今すぐ助けが必要ですか？" in page
    form = client.post("/b/zatsudan/new", data={"title": "", "body": ""})
    assert "トピックのタイトルを入力してください。" in form.get_data(as_text=True)
    assert "ページが見つかりません" in client.get("/nothing-here").get_data(as_text=True)


def test_each_app_has_its_own_catalog(make_app):
    """flask-babel caches per process; a second community with more plugins must still translate."""
    first = make_app(community={"language": "ja"})
    assert "掲示板" in first.test_client().get("/").get_data(as_text=True)
    second = make_app(plugins=["comments"], community={"language": "ja"})
    add_board(second)
    client = member_client(second, "あおい")
    topic = client.post("/b/general/new", data={"title": "t", "body": "b"}).headers["Location"]
    assert "あなたの返信" in client.get(topic).get_data(as_text=True)


def test_forum_translations_makes_a_third_party_plugins_catalogs(tmp_path):
    """Outside authors get the catalog tool with the package: ``forum translations FOLDER``."""
    from click.testing import CliRunner

    from forum.cli import cli

    plugin = tmp_path / "gratitude"
    (plugin / "templates" / "gratitude").mkdir(parents=True)
    (plugin / "__init__.py").write_text('from flask_babel import lazy_gettext as _l\n'
                                        'LABEL = _l("Gratitude")\n')
    (plugin / "templates" / "gratitude" / "list.html").write_text('<h1>{{ _("Three good things") }}</h1>')
    result = CliRunner().invoke(cli, ["translations", str(plugin)])
    assert result.exit_code == 0, result.output
    assert "2 Japanese entries to fill" in result.output
    japanese = catalog(plugin / "translations" / "ja" / "LC_MESSAGES" / "messages.po")
    assert message_ids(japanese) == {"Gratitude", "Three good things"}
    assert (plugin / "translations" / "ja" / "LC_MESSAGES" / "messages.mo").exists()
