"""The weights of the evaluation's score, stored in one row the office edits; every change is
in the audit log (tracker.audit.trail), and without a row the documented defaults apply."""

from __future__ import annotations

from tracker.database import db
from tracker.domain.evaluation import Weights
from tracker.models import EvaluationWeights, User

WEIGHTS_ID = 1


def load_weights() -> Weights:
    row = db.session.get(EvaluationWeights, WEIGHTS_ID)
    if row is None:
        return Weights()
    return Weights(**{name: getattr(row, name) for name in Weights().as_dict()})


def save_weights(weights: Weights, by: User) -> None:
    """Store weights the domain has already accepted (Weights checks its own bounds)."""
    row = db.session.get(EvaluationWeights, WEIGHTS_ID)
    if row is None:
        row = EvaluationWeights(id=WEIGHTS_ID)
        db.session.add(row)
    for name, value in weights.as_dict().items():
        setattr(row, name, value)
    row.updated_by_id = by.id
    db.session.commit()
