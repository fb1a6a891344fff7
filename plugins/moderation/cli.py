"""``forum screen``: what the enabled rules say, for hosts tuning and measuring them.

    forum screen "some text"                                   # each verdict, then the outcome
    forum --config C screen --input posts.csv [--column text] --output out.csv
    forum --config C screen --evaluate labelled.csv --label-column label [--column text]
    forum --config C screen train --from labelled.csv [--label-column label] --output model.pkl
    forum --config C screen train --from-queue --output model.pkl

``--output`` writes one row per input row: the input's columns, then ``action``
(allow/censor/flag/hold/block), ``tier`` (urgent/check_in), ``urgent``, ``rules`` and
``constructs``. ``--evaluate`` reads a label per row (1/true/yes/risk... is risky; 0, false, no,
none, benign or empty is not) and prints recall of hold-or-flag and of hold, false holds and
false flags, overall and per rule and tier, and the time per text.
"""

from __future__ import annotations

import csv
import sys
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import click

from forum.core.api import Action, ScreenResult, screen_texts

NEGATIVE_LABELS = {"", "0", "false", "no", "none", "benign", "negative", "neutral", "normal", "ok", "allow",
                   "non-suicide", "not_hate", "nothate", "no_risk", "everyday"}
OUTPUT_COLUMNS = ["action", "tier", "urgent", "rules", "constructs"]


def is_positive(label: str) -> bool:
    return label.strip().casefold() not in NEGATIVE_LABELS


def screen_one(text: str) -> ScreenResult:
    return screen_texts({"body": text}, None, "discussion")


def result_row(result: ScreenResult) -> dict[str, str]:
    tiers = {verdict.tier for verdict in result.verdicts if verdict.tier}
    return {
        "action": result.action.name.lower(),
        "tier": "urgent" if "urgent" in tiers else "check_in" if "check_in" in tiers else "",
        "urgent": "1" if result.urgent else "0",
        "rules": ";".join(dict.fromkeys(verdict.rule for verdict in result.verdicts)),
        "constructs": ";".join(dict.fromkeys(c for verdict in result.verdicts for c in verdict.constructs)),
    }


def read_rows(path: Path, column: str) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if column not in (reader.fieldnames or []):
            raise click.UsageError(f"{path}: no column {column!r}; columns: {reader.fieldnames}.")
        yield from reader


@dataclass
class Tally:
    """Caught / held / flagged counts among risky and benign rows."""

    positives: int = 0
    negatives: int = 0
    caught: int = 0  # risky rows held or flagged
    held: int = 0  # risky rows held
    false_holds: int = 0
    false_flags: int = 0

    def add(self, positive: bool, action: Action) -> None:
        held, flagged = action >= Action.HOLD, action == Action.FLAG
        if positive:
            self.positives += 1
            self.caught += held or flagged
            self.held += held
        else:
            self.negatives += 1
            self.false_holds += held
            self.false_flags += flagged

    def line(self, name: str) -> str:
        return (f"{name:22} risky {self.positives:5}  caught {_rate(self.caught, self.positives)}  "
                f"held {_rate(self.held, self.positives)}  | benign {self.negatives:5}  "
                f"false holds {_rate(self.false_holds, self.negatives)}  "
                f"false flags {_rate(self.false_flags, self.negatives)}")


def _rate(count: int, total: int) -> str:
    return f"{count / total:6.1%}" if total else "     -"


@dataclass
class Evaluation:
    overall: Tally = field(default_factory=Tally)
    by_rule: dict[str, Tally] = field(default_factory=dict)
    by_tier: dict[str, Tally] = field(default_factory=dict)
    seconds: float = 0.0
    count: int = 0

    def add(self, positive: bool, result: ScreenResult) -> None:
        self.overall.add(positive, result.action)
        actions: dict[str, Action] = {}
        for verdict in result.verdicts:
            actions[verdict.rule] = max(actions.get(verdict.rule, Action.ALLOW), verdict.action)
            if verdict.tier:
                tier = self.by_tier.setdefault(verdict.tier, Tally())
                tier.add(positive, verdict.action)
        for rule, action in actions.items():
            self.by_rule.setdefault(rule, Tally()).add(positive, action)

    def report(self) -> list[str]:
        lines = [self.overall.line("all rules")]
        lines += [tally.line(f"rule {rule}") for rule, tally in sorted(self.by_rule.items())]
        lines += [tally.line(f"tier {tier}") for tier, tally in sorted(self.by_tier.items())]
        per_text = self.seconds / self.count * 1000 if self.count else 0.0
        lines.append(f"{self.count} texts, {per_text:.3f} ms per text")
        return lines


def evaluate(rows: Iterable[tuple[str, bool]]) -> Evaluation:
    """Screen each (text, risky?) and count what happened."""
    evaluation = Evaluation()
    for text, positive in rows:
        started = time.perf_counter()
        result = screen_one(text)
        evaluation.seconds += time.perf_counter() - started
        evaluation.count += 1
        evaluation.add(positive, result)
    return evaluation


class _TextOrCommand(click.Group):
    """``forum screen TEXT`` and ``forum screen train ...``: a first word that is no command is the text."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and not args[0].startswith("-"):
            ctx.meta["screen_text"] = args[0]
            args = args[1:]
        return super().parse_args(ctx, args)


@click.group("screen", cls=_TextOrCommand, invoke_without_command=True)
@click.option("--input", "input_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="CSV file to screen, one text per row")
@click.option("--column", default="text", show_default=True, help="the CSV column with the text")
@click.option("--output", "output_path", type=click.Path(dir_okay=False, path_type=Path),
              help="CSV file to write (with --input): the input's columns plus the outcome")
@click.option("--evaluate", "evaluate_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="labelled CSV file: print recall and false holds")
@click.option("--label-column", default="label", show_default=True, help="the CSV column with the label")
@click.pass_context
def screen_command(ctx: click.Context, input_path: Path | None, column: str, output_path: Path | None,
                   evaluate_path: Path | None, label_column: str) -> None:
    """Screen TEXT (or standard input, or a CSV file) with the enabled rules."""
    if ctx.invoked_subcommand:
        return
    app = ctx.obj.app
    with app.app_context():
        if evaluate_path:
            _evaluate_file(evaluate_path, column, label_column)
        elif input_path:
            _screen_file(input_path, column, output_path)
        else:
            _screen_text(ctx.meta.get("screen_text") or click.get_text_stream("stdin").read())


def _screen_text(text: str) -> None:
    result = screen_one(text)
    for verdict in result.verdicts:
        urgent = " urgent" if verdict.urgent else ""
        tier = f" [{verdict.tier}]" if verdict.tier else ""
        click.echo(f"{verdict.action.name.lower():7} {verdict.rule:16} severity {verdict.severity}"
                   f"{urgent}{tier}  {verdict.reason}")
    click.echo(f"=> {result.action.name.lower()}" + (" (crisis page)" if result.crisis else ""))


def _screen_file(path: Path, column: str, output: Path | None) -> None:
    rows = read_rows(path, column)
    first = next(rows, None)
    if first is None:
        raise click.UsageError(f"{path}: no rows to screen.")
    handle = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        writer = csv.DictWriter(handle, fieldnames=[*first, *(c for c in OUTPUT_COLUMNS if c not in first)])
        writer.writeheader()
        counts: Counter[str] = Counter()
        for row in (first, *rows):
            outcome = result_row(screen_one(row[column] or ""))
            counts[outcome["action"]] += 1
            writer.writerow({**row, **outcome})
    finally:
        if output:
            handle.close()
    if output:
        click.echo(f"{sum(counts.values())} rows -> {output}: " + ", ".join(
            f"{action} {count}" for action, count in sorted(counts.items())))


def _evaluate_file(path: Path, column: str, label_column: str) -> None:
    rows = list(read_rows(path, column))
    if rows and label_column not in rows[0]:
        raise click.UsageError(f"{path}: no column {label_column!r}; columns: {list(rows[0])}.")
    evaluation = evaluate((row[column] or "", is_positive(row[label_column] or "")) for row in rows)
    for line in evaluation.report():
        click.echo(line)


@screen_command.command("train")
@click.option("--from", "from_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="labelled CSV file to learn from")
@click.option("--from-queue", is_flag=True, help="learn from this community's moderation decisions")
@click.option("--column", default="text", show_default=True)
@click.option("--label-column", default="label", show_default=True)
@click.option("--output", "output_path", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="where to save the model (then set [moderation.classifier] model to it)")
@click.pass_obj
def train_command(ctx: Any, from_path: Path | None, from_queue: bool, column: str, label_column: str,
                  output_path: Path) -> None:
    """Fit the statistical classifier (needs the ml extra: pip install 'forum[ml]')."""
    from .rules.classifier import queue_examples, save_model, train_model

    if bool(from_path) == from_queue:
        raise click.UsageError("Give exactly one of --from FILE.csv or --from-queue.")
    with ctx.app.app_context():
        if from_path:
            rows = list(read_rows(from_path, column))
            examples = [(row[column] or "", is_positive(row.get(label_column) or "")) for row in rows]
        else:
            examples = queue_examples()
        try:
            model = train_model(examples)
        except (ImportError, ValueError) as error:
            raise click.ClickException(str(error)) from None
    save_model(model, output_path)
    risky = sum(label for _text, label in examples)
    click.echo(f"trained on {len(examples)} texts ({risky} risky) -> {output_path}")
