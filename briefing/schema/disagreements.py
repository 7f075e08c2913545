"""Where independent sources give different values for one fact, each side cited."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import Field

from briefing.schema.articles import Citation
from briefing.schema.frozen import Frozen


class Side(Frozen):
    """One value for a disputed fact and the passages that state it."""

    value: str = Field(description='As written in every cited passage: "120,000 cubic metres".')
    citations: list[Citation] = Field(min_length=1)


class Disagreement(Frozen):
    """Independent sources giving different values for one fact."""

    kind: Literal["figure", "person"]
    topic: str = Field(description='What they disagree on: "capacity (cubic metres a day)".')
    sides: list[Side] = Field(min_length=2)
    update: bool = Field(
        default=False,
        description="A later report revises an earlier figure: the sides are oldest first, and the "
        "brief tells it as an update, not a contradiction.",
    )

    def sentence(self, outlet: Callable[[str], str]) -> str:
        """A plain statement of each side with its outlets; `outlet(article_id)` names an outlet."""
        parts = []
        for side in self.sides:
            names = list(dict.fromkeys(outlet(c.article_id) for c in side.citations))
            parts.append(f"{join_names(names)} {'reports' if len(names) == 1 else 'report'} {side.value}")
        subject = self.topic if self.topic.startswith("who ") else f"the {self.topic}"
        if self.update:
            steps = [f"{side.value} ({join_names(_outlets(side, outlet))})" for side in self.sides]
            return f"Later reports revise {subject}: from {' to '.join(steps)}."
        return f"Sources differ on {subject}: {', '.join(parts[:-1])}, while {parts[-1]}."


def _outlets(side: Side, outlet: Callable[[str], str]) -> list[str]:
    return list(dict.fromkeys(outlet(c.article_id) for c in side.citations))


def join_names(items: list[str]) -> str:
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"
