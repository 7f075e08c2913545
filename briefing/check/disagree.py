"""Where independent sources give different values for one fact, so a brief states each side, cited.

Readers of a digest must not get one value blended from outlets that disagree, so the program, not the
model, finds the disagreements:

- figures (`briefing.text.quantities`): the same kind of quantity about the same thing (shared context
  words) with different values: "120,000 cubic metres a day" against "210,000 cubic metres", "12 dead"
  against "Fifteen people were killed", "six vehicles" against "8 cars and trucks", "a 40-metre span"
  against "the span measured 45 metres". Counts tied to different events ("12 dead", "30 injured";
  "opened with four lanes", "built with six") and years are never compared.
- updates a report states itself ("the number hurt rose to 14 overnight, up from 11"): the earlier
  value, cited to the sources that first gave it (else to the report), then the new one; told as an
  update, and neither value is then disputed, since a report's own earlier value backs no other
  source's figure.
- people (`briefing.text.roles`): the same office or the same thing led, held by different people:
  "Treasury Secretary Scott Bessent" against "Treasury Secretary Steven Mnuchin". People named together
  ("led by A, B and C") are one side; a source naming some of them agrees, one naming none disagrees.

Two passages are independent sources when no article carries both (home article and `also_in`) and
`same_source` does not join their articles, so a reprint never disagrees with its original and one
article never disagrees with itself. Being wrong here puts a false statement in a brief, so the rules
are strict: a figure side is dropped when its own source also gives the other side's value for that
fact (two years, not two accounts), and a person side when the other source names that person
without the role (two people, not two accounts). A self-contradicting article may sit on two sides of
a people disagreement, as long as an independent source stands on the other.

Every side's value is verbatim in each passage it cites: the longest written form that all of them
share ("120,000 cubic metres", "Bessent"); people named together are joined with "and".
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import datetime

from briefing.check.disagree_sides import Claim, Sources, cluster, sides_of
from briefing.schema import Disagreement, Passage, join_names
from briefing.text.background import tells_past_year
from briefing.text.quantities import Quantity, quantities
from briefing.text.quantity_compare import same_fact, same_value, topic
from briefing.text.roles import RoleClaim, role_claims
from briefing.text.sentences import sentence_spans


def find_disagreements(
    passages: Mapping[str, Passage],
    same_source: Callable[[str, str], bool] | None = None,
    published: Callable[[str], datetime | None] | None = None,
) -> list[Disagreement]:
    """Figures and role holders that independent sources among `passages` give differently.

    `published`: when the article of a passage id came out; a figure in a sentence dated to an
    earlier year is history, no account of the figure today.
    """
    sources = Sources(same_source)
    when = published or (lambda _: None)
    return [*_figure_disagreements(passages, sources, when), *_person_disagreements(passages, sources)]


def _figure_disagreements(
    passages: Mapping[str, Passage], sources: Sources, published: Callable[[str], datetime | None]
) -> list[Disagreement]:
    every = _current_figures(passages, published)
    # An earlier value a report gives itself ("rose to 14, up from 11") is no account of the fact
    # today: it neither disputes nor backs another source's figure; it makes a stated update.
    claims = [c for c in every if not c.fact.previous]

    def alone(a: Claim[Quantity]) -> bool:  # the only value its source gives for its noun
        ours = [
            c for c in claims if c.fact.kind == a.fact.kind and not sources.independent(c.passage, a.passage)
        ]
        return all(same_value(c.fact, a.fact) for c in ours)

    sole = {id(c) for c in claims if alone(c)}

    def same(a: Claim[Quantity], b: Claim[Quantity]) -> bool:
        return same_fact(a.fact, b.fact, alone=id(a) in sole and id(b) in sole)

    def agree(a: Claim[Quantity], b: Claim[Quantity]) -> bool:
        return same(a, b) and same_value(a.fact, b.fact)

    def backed(a: Claim[Quantity], b: Claim[Quantity]) -> bool:
        # a's own source also gives b's value for this fact: a is likely another year, not a dispute.
        return any(not sources.independent(c.passage, a.passage) and agree(c, b) for c in claims)

    def conflict(a: Claim[Quantity], b: Claim[Quantity]) -> bool:
        return (
            same(a, b)
            and not same_value(a.fact, b.fact)
            and sources.independent(a.passage, b.passage)
            and not backed(a, b)
            and not backed(b, a)
        )

    stated = _stated_updates(every, claims, sources)
    # A figure in a stated update, and the first reports of its earlier value, are told by the update.
    told = {id(c) for _, earlier, new in stated for c in [*earlier, new]}
    found = []
    for group in cluster([c for c in claims if id(c) not in told], lambda c: c.fact.kind, agree, conflict):
        sides = [side for claims_of_side in group for side in sides_of(claims_of_side, passages, _value)]
        if len(sides) >= 2:
            label = topic([c.fact for side in group for c in side])
            found.append(Disagreement(kind="figure", topic=label, sides=sides))
    return found + _updates(stated, passages)


def _current_figures(
    passages: Mapping[str, Passage], published: Callable[[str], datetime | None]
) -> list[Claim[Quantity]]:
    """Every figure of the passages, but those of sentences dated to an earlier year (history)."""
    return [
        Claim(p, q)
        for p in passages.values()
        for start, end in sentence_spans(p.text)
        if not tells_past_year(p.text[start:end], published(p.id))
        for q in quantities(p.text[start:end])
    ]


def _value(group: Sequence[Claim[Quantity]]) -> str | None:
    """The longest written form of the figure that every passage of the group has verbatim."""
    forms = sorted({f for c in group for f in c.fact.forms}, key=lambda f: (-len(f), f))
    return next((f for f in forms if all(f in c.passage.text for c in group)), None)


def _updates(
    stated: Sequence[tuple[Claim[Quantity], list[Claim[Quantity]], Claim[Quantity]]],
    passages: Mapping[str, Passage],
) -> list[Disagreement]:
    """Each stated update as a disagreement told as an update: the earlier value, then the new one."""
    found = []
    for old, earlier, new in stated:
        before = sides_of(earlier, passages, _value)
        sides = [
            *(before if len(before) == 1 else sides_of([old], passages, _value)),
            *sides_of([new], passages, _value),
        ]
        if len(sides) == 2:
            found.append(Disagreement(kind="figure", topic=topic([new.fact]), sides=sides, update=True))
    return found


def _stated_updates(
    every: Sequence[Claim[Quantity]], claims: Sequence[Claim[Quantity]], sources: Sources
) -> list[tuple[Claim[Quantity], list[Claim[Quantity]], Claim[Quantity]]]:
    """Each update a report states ("rose to 14 overnight, up from 11"): the earlier value, the other
    sources' figures of its kind that give it (the first reports), and the figure that replaced it."""
    found, seen = [], set()
    for i, old in enumerate(every):
        j = i + old.fact.current_at
        if not old.fact.previous or not 0 <= j < len(every) or every[j].passage.id != old.passage.id:
            continue
        new = every[j]
        key = (new.fact.kind, old.fact.figure.value, new.fact.figure.value)
        if key in seen:
            continue
        seen.add(key)
        earlier = [
            c
            for c in claims
            if c.fact.kind == old.fact.kind
            and same_value(c.fact, old.fact)
            and not same_value(c.fact, new.fact)
            and sources.independent(c.passage, old.passage)
        ]
        found.append((old, earlier, new))
    return found


def _person_disagreements(passages: Mapping[str, Passage], sources: Sources) -> list[Disagreement]:
    # Offices first, so that "who led" the same people in the same sides is dropped as a repeat.
    claims = sorted((Claim(p, r) for p in passages.values() for r in role_claims(p.text)), key=_is_led)
    by_passage: dict[str, list[RoleClaim]] = defaultdict(list)
    for c in claims:
        by_passage[c.passage.id].append(c.fact)

    def named_otherwise(a: Claim[RoleClaim], b: Claim[RoleClaim]) -> bool:
        # b's source names a's people outside this role: likely two people, not two accounts.
        for p in passages.values():
            if not sources.independent(p, b.passage) and _named_outside(p, a.fact, by_passage[p.id]):
                return True
        return False

    def agree(a: Claim[RoleClaim], b: Claim[RoleClaim]) -> bool:
        return _compatible(a.fact, b.fact) and _overlap(a.fact.people, b.fact.people)

    def conflict(a: Claim[RoleClaim], b: Claim[RoleClaim]) -> bool:
        return (
            _compatible(a.fact, b.fact)
            and not _overlap(a.fact.people, b.fact.people)
            and sources.independent(a.passage, b.passage)
            and not named_otherwise(a, b)
            and not named_otherwise(b, a)
        )

    found, seen = [], set()
    for group in cluster(claims, lambda c: (c.fact.role, c.fact.led), agree, conflict):
        signature = frozenset(frozenset(p[-1] for c in side for p in c.fact.people) for side in group)
        sides = [side for claims_of_side in group for side in sides_of(claims_of_side, passages, _names)]
        if signature not in seen and len(sides) >= 2:
            found.append(Disagreement(kind="person", topic=group[0][0].fact.label, sides=sides))
        seen.add(signature)
    return found


def _named_outside(passage: Passage, claim: RoleClaim, held: Sequence[RoleClaim]) -> bool:
    """Whether `passage` names a person of `claim` other than as holding its role (the `held` claims)."""
    spans = [s for c in held if _compatible(c, claim) for s in c.spans]
    at = [m for name in claim.people for m in _mentions(passage.text, name)]
    return any(not any(s <= m < e for s, e in spans) for m in at)


def _is_led(c: Claim[RoleClaim]) -> bool:
    return c.fact.led


def _compatible(a: RoleClaim, b: RoleClaim) -> bool:
    """Whether two claims are about one role; an office's country may be left unsaid."""
    if a.role != b.role or a.led != b.led:
        return False
    return a.country == b.country or (not a.led and None in (a.country, b.country))


def _same_person(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two names as words are one person: "Bessent" and "Scott Bessent", "Xi" and "Xi Jinping"."""
    return a[-1] == b[-1] or set(a) <= set(b) or set(b) <= set(a)


def _mentions(text: str, name: Sequence[str]) -> list[int]:
    """Where `text` names the person: the whole name, or the surname when it has three letters or more."""
    patterns = [" ".join(name)] + ([name[-1]] if len(name[-1]) >= 3 else [])
    found = {m.start() for p in patterns for m in re.finditer(rf"(?<!\w){re.escape(p)}(?!\w)", text)}
    return sorted(found)


def _overlap(a: Sequence[Sequence[str]], b: Sequence[Sequence[str]]) -> bool:
    return any(_same_person(x, y) for x in a for y in b)


def _names(group: Sequence[Claim[RoleClaim]]) -> str | None:
    """The people every claim of `group` names, each as written in all its passages, joined by "and"."""
    common = [p for p in group[0].fact.people if all(_overlap([p], c.fact.people) for c in group)]
    picked = []
    for person in common:
        forms = {
            " ".join(n[k:]) for c in group for n in c.fact.people if _same_person(n, person) for k in (0, -1)
        }
        forms |= {n[0] for c in group for n in c.fact.people if _same_person(n, person)}
        ordered = sorted(forms, key=lambda f: (-len(f), f))
        best = next((f for f in ordered if all(f in c.passage.text for c in group)), None)
        if best is None:
            return None
        picked.append(best)
    return join_names(picked) if picked else None
