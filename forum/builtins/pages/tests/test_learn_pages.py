"""Pages: the host's psychoeducation Markdown files at /learn."""


def test_psychoeducation_pages_from_the_hosts_folder(make_app, tmp_path):
    content = tmp_path / "content"
    content.mkdir()
    (content / "sleep.md").write_text("# Sleep and mood\n\nKeep a **regular** time.\n", encoding="utf-8")
    (content / "kibun.md").write_text("# 気分について\n\n本文", encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text('[community]\ncontent_dir = "content"\nmoderation = "post"\n', encoding="utf-8")
    client = make_app(config=str(config)).test_client()
    index = client.get("/learn").get_data(as_text=True)
    assert "Sleep and mood" in index and "気分について" in index
    page = client.get("/learn/sleep").get_data(as_text=True)
    assert "<strong>regular</strong>" in page
    for bad in ("../c", "nope", "..%2Fc", "sleep.md"):
        assert client.get(f"/learn/{bad}").status_code == 404
