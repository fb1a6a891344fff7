"""``forum screen TEXT``: what the enabled rules say about a text (for hosts tuning word lists)."""

from __future__ import annotations

from typing import Any

import click

from forum.core.api import screen_texts


@click.command("screen")
@click.argument("text", required=False)
@click.pass_obj
def screen_command(ctx: Any, text: str | None) -> None:
    """Screen TEXT (or standard input) with the enabled rules; print each verdict."""
    with ctx.app.app_context():
        result = screen_texts({"body": text or click.get_text_stream("stdin").read()}, None, "discussion")
        for verdict in result.verdicts:
            urgent = " urgent" if verdict.urgent else ""
            click.echo(f"{verdict.action.name.lower():7} {verdict.rule:16} severity {verdict.severity}"
                       f"{urgent}  {verdict.reason}")
    click.echo(f"=> {result.action.name.lower()}" + (" (crisis page)" if result.crisis else ""))
