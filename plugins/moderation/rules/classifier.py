"""A statistical tier, pluggable: a scikit-learn text model the host trained on their own data.

    [moderation.classifier]
    model = "instance/screening-model.pkl"   # from `forum screen train`
    check_in = 0.5                           # probability of risk: flag for a check-in
    urgent = 0.9                             # probability of risk: hold, urgent

Optional (``pip install 'forum[ml]'``): without scikit-learn, or without a model, the rule does
nothing and the phrase rules run alone. The model is a word 1-2-gram TF-IDF and a logistic
regression (its probabilities are calibrated well enough for thresholds) over the ``skeleton``
of each text, so the same disguises are undone as for the phrase rules. It is fitted by
``forum screen train --from FILE.csv`` (a host's labelled file) or ``--from-queue`` (this
community's decisions: rejected or urgent entries are risky, approved or reviewed ones not).

A model file is a pickle: load only models you trained yourself. At load time the fitted
vocabulary, IDF weights and coefficients are read out into a ``LinearScorer`` that scores a text
in pure Python, the same arithmetic as scikit-learn's ``predict_proba`` without its per-call
overhead (milliseconds; screening has well under one).
"""

from __future__ import annotations

import itertools
import math
import pickle
import re
from collections import Counter
from functools import lru_cache
from pathlib import Path
from typing import Any

from flask_babel import gettext as _

from forum.core.api import Action, ConfigError, Verdict, config_source, db, item_texts, skeleton

from .base import Rule, check_in_action, crisis_member_message

MODEL_FORMAT = "forum-screening-classifier/1"


def train_model(examples: list[tuple[str, bool]]) -> dict[str, Any]:
    """Fit a model on (text, risky?) examples; ValueError if there is too little to learn from."""
    try:
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import make_pipeline
    except ImportError:
        raise ImportError("The classifier needs scikit-learn: pip install 'forum[ml]'.") from None
    labels = [int(risky) for _text, risky in examples]
    if len(set(labels)) < 2 or min(labels.count(0), labels.count(1)) < 2:
        raise ValueError("Need at least two risky and two other examples to train a classifier.")
    pipeline = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), min_df=1, sublinear_tf=True),
                             LogisticRegression(max_iter=1000, C=4.0))
    pipeline.fit([skeleton(text) for text, _risky in examples], labels)
    return {"format": MODEL_FORMAT, "pipeline": pipeline, "examples": len(examples)}


def save_model(model: dict[str, Any], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        pickle.dump(model, handle)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")  # TfidfVectorizer's default token pattern


class LinearScorer:
    """A fitted TF-IDF (word 1-2-grams, sublinear tf, l2) + logistic regression, as plain Python."""

    def __init__(self, pipeline: Any) -> None:
        vectorizer, regression = pipeline.steps[0][1], pipeline.steps[-1][1]
        idf, coef = vectorizer.idf_, regression.coef_[0]
        self.weights = {term: (float(idf[index]), float(coef[index]))
                        for term, index in vectorizer.vocabulary_.items()}
        self.intercept = float(regression.intercept_[0])

    def probability(self, text: str) -> float:
        words = _TOKEN.findall(text.lower())
        counts = Counter(words + [f"{a} {b}" for a, b in itertools.pairwise(words)])
        values = [((1 + math.log(count)) * self.weights[term][0], self.weights[term][1])
                  for term, count in counts.items() if term in self.weights]
        norm = math.sqrt(sum(value * value for value, _coef in values)) or 1.0
        score = self.intercept + sum(value * coef for value, coef in values) / norm
        return 1 / (1 + math.exp(-score))


@lru_cache(maxsize=4)
def load_model(path: str) -> LinearScorer:
    """The fitted model at ``path`` (ValueError: not a model from ``forum screen train``)."""
    with Path(path).open("rb") as handle:
        model = pickle.load(handle)  # the host's own file, named in their config
    if not isinstance(model, dict) or model.get("format") != MODEL_FORMAT:
        raise ValueError(f"{path} is not a model from `forum screen train`.")
    return LinearScorer(model["pipeline"])


def queue_examples() -> list[tuple[str, bool]]:
    """This community's decided queue entries: rejected or urgent are risky, approved not."""
    from ..models import ModerationItem  # the queue's table, read only

    entries = db.session.scalars(db.select(ModerationItem).where(
        ModerationItem.item_id.is_not(None), ModerationItem.decision.in_(("approve", "reviewed", "reject"))))
    examples = []
    for entry in entries:
        text = "\n".join(value for value in item_texts(entry.item).values() if value)
        examples.append((text, entry.decision == "reject" or entry.urgent))
    return examples


class ClassifierRule(Rule):
    name = "classifier"

    def __init__(self, settings: dict[str, dict[str, Any]]) -> None:
        super().__init__(settings)
        table = settings["moderation"].get("classifier", {})
        self.check_in = float(table.get("check_in", 0.5))
        self.urgent_from = float(table.get("urgent", 0.9))
        self.check_in_action = check_in_action(settings)
        path = table.get("model", "")
        self.scorer = _load(path) if path else None

    def screen(self, text: str) -> list[Verdict]:
        if self.scorer is None:
            return []
        probability = self.scorer.probability(skeleton(text))
        if probability < self.check_in:
            return []
        urgent = probability >= self.urgent_from
        tier = "urgent" if urgent else "check_in"
        return [Verdict(rule=self.name, action=Action.HOLD if urgent else self.check_in_action,
                        reason=_("Statistical model: risk %(percent)d%%", percent=round(probability * 100)),
                        member_message=crisis_member_message(),
                        severity=5 if urgent else 4, urgent=urgent, crisis=True, tier=tier,
                        constructs=("statistical model",))]


def _load(path: str) -> LinearScorer | None:
    try:
        return load_model(path)
    except ImportError:
        return None  # scikit-learn is not installed: the rules run alone
    except (OSError, ValueError, pickle.UnpicklingError, EOFError) as error:
        raise ConfigError(f"{config_source()}: [moderation.classifier] model {path!r} can't be loaded "
                          f"({error}). Fix: train one with `forum screen train` and give its path.") from None
