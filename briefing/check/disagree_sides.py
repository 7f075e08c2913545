"""The sides of a disagreement: claims from passages, which passages are independent sources, how
conflicting claims group into sides, and each side's cited value. `disagree.py` finds what conflicts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations
from typing import Generic, TypeVar

from briefing.schema import Citation, Passage, Side

T = TypeVar("T")


@dataclass(frozen=True)
class Claim(Generic[T]):
    passage: Passage
    fact: T


class Sources:
    """Which passages come from one source: an article carrying both, or articles the caller joins."""

    def __init__(self, same_source: Callable[[str, str], bool] | None) -> None:
        self.same_source = same_source

    def independent(self, a: Passage, b: Passage) -> bool:
        ours = {a.article_id, *(s.article_id for s in a.also_in)}
        theirs = {b.article_id, *(s.article_id for s in b.also_in)}
        if ours & theirs:
            return False
        return self.same_source is None or not any(self.same_source(x, y) for x in ours for y in theirs)


def cluster(
    claims: Sequence[Claim[T]],
    bucket: Callable[[Claim[T]], Hashable],
    agree: Callable[[Claim[T], Claim[T]], bool],
    conflict: Callable[[Claim[T], Claim[T]], bool],
) -> list[list[list[Claim[T]]]]:
    """Groups of claims joined by conflicts, with the claims that agree with them, each split into sides."""
    buckets: dict[Hashable, list[int]] = defaultdict(list)
    for i, c in enumerate(claims):
        buckets[bucket(c)].append(i)
    found: list[tuple[int, list[list[Claim[T]]]]] = []
    for members in buckets.values():
        edges = [(i, j) for i, j in combinations(members, 2) if conflict(claims[i], claims[j])]
        taken = {i for edge in edges for i in edge}
        for group in components(sorted(taken), edges):
            # A claim agreeing with a member stands on that member's side; it joins one group only.
            extra = [k for k in members if k not in taken and any(agree(claims[k], claims[m]) for m in group)]
            taken.update(extra)
            full = sorted([*group, *extra])
            sides = components(
                full, [(i, j) for i, j in combinations(full, 2) if agree(claims[i], claims[j])]
            )
            if len(sides) >= 2:
                found.append((full[0], [[claims[i] for i in side] for side in sides]))
    return [sides for _, sides in sorted(found, key=lambda item: item[0])]


def components(nodes: Sequence[int], edges: Sequence[tuple[int, int]]) -> list[list[int]]:
    """The connected components of a graph, each sorted, in order of their first node."""
    parent = {n: n for n in nodes}

    def root(n: int) -> int:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    for a, b in edges:
        parent[root(a)] = root(b)
    groups: dict[int, list[int]] = defaultdict(list)
    for n in nodes:
        groups[root(n)].append(n)
    return sorted(groups.values(), key=lambda g: g[0])


def sides_of(
    group: Sequence[Claim[T]],
    passages: Mapping[str, Passage],
    value: Callable[[Sequence[Claim[T]]], str | None],
) -> list[Side]:
    """One side for claims of one value, or one per written form when no form is in all their passages."""
    whole = value(group)
    parts: dict[str, list[Claim[T]]] = {}
    for c in group:
        own = whole if whole is not None else value([c])
        if own is not None:
            parts.setdefault(own, []).append(c)
    return [Side(value=v, citations=citations_of(cs, passages)) for v, cs in parts.items()]


def citations_of(claims: Sequence[Claim[T]], passages: Mapping[str, Passage]) -> list[Citation]:
    cited = {c.passage.id: c.passage for c in claims}
    return [Citation.of(p, passages) for p in cited.values()]
