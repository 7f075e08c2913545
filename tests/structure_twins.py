"""Assertions shared by the tables of (sources, unfaithful edit, check, faithful twin) sentences."""

from __future__ import annotations

from collections.abc import Sequence

from briefing.check.structure import structure_problems


def assert_passes_every_structure_check(sentence: str, sources: Sequence[str]) -> None:
    found = {name: problems for name, problems in structure_problems(sentence, sources).items() if problems}
    assert not found, (sentence, found)


def assert_caught_and_twin_passes(
    sources: Sequence[str], unfaithful: str, check: str | None, faithful: str
) -> None:
    """The named check catches the edit (None: no check is expected to), and the twin passes all."""
    if check is not None:
        assert structure_problems(unfaithful, sources)[check], f"{check} missed: {unfaithful!r}"
    assert_passes_every_structure_check(faithful, sources)
