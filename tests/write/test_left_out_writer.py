"""A left-out fact whose sentence fewer outlets bear out than tell it is asked for once more, shown
by another outlet's telling first, and the sentence more outlets bear out is kept."""

from __future__ import annotations

import json

from factories import make_cluster

from briefing.backends.fake import FakeBackend
from briefing.config import Settings
from briefing.write.briefer import Briefer
from briefing.write.left_out import LeftOut
from briefing.write.left_out_writer import write_left_out

OPENING = "The Harl desalination plant began supplying homes in Marrowick on Tuesday."
DETAILED = (
    "Evacuated residents are housed at the Corn Exchange, which the council opened as a rest centre"
    " on Friday, and in two hotels on the ring road."
)
PLAIN = "The council turned the Corn Exchange into a rest centre on Friday."


def _fact(first: str, other: str) -> tuple[Briefer, FakeBackend, LeftOut]:
    passages, _ = make_cluster([OPENING, first], [OPENING, other], [OPENING], published="2026-03-04")
    backend = FakeBackend()  # extractive: writes the first sentence of each telling shown first
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    return briefer, backend, LeftOut("a1.2", first, frozenset({"a1", "a2"}), (("a2.2", other),))


def test_a_sentence_one_outlet_alone_bears_out_is_asked_for_again_from_the_other() -> None:
    briefer, backend, fact = _fact(DETAILED, PLAIN)
    briefs, _ = write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 2
    asked_again = backend.calls[1].messages[-1]["content"]
    assert asked_again.index(PLAIN) < asked_again.index("Evacuated residents")  # the other one first
    [sentence] = [s for b in briefs for s in b.sentences]
    assert sentence.text == PLAIN
    assert sorted(c.passage_id for c in sentence.citations) == ["a1.2", "a2.2"]


def test_the_first_sentence_stands_when_the_second_is_borne_out_no_better() -> None:
    beds = "Volunteers laid out camp beds, hot food and a pharmacy counter for the families."
    briefer, backend, fact = _fact(DETAILED, beds)
    briefs, _ = write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 2
    [sentence] = [s for b in briefs for s in b.sentences]
    assert sentence.text.startswith("Evacuated residents")


def test_a_sentence_every_telling_bears_out_is_not_asked_for_again() -> None:
    briefer, backend, fact = _fact(PLAIN, DETAILED)
    briefs, _ = write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 1
    [sentence] = [s for b in briefs for s in b.sentences]
    assert len(sentence.citations) == 2


def test_a_sentence_is_kept_for_its_own_fact_when_one_passage_tells_two() -> None:
    ordered = "The council has ordered an inquiry into why the Quarry Road bridge failed."
    told = "Council leader Marta Fenwick told reporters that residents were owed a full explanation."
    both = f"{ordered} {told}"  # one passage, a telling of each fact
    owed = "Residents are owed a full explanation, council leader Marta Fenwick said on Wednesday."
    passages, _ = make_cluster([OPENING, both], [OPENING], [OPENING, owed], published="2026-03-04")
    backend = FakeBackend()
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    facts = [
        LeftOut("a3.2", owed, frozenset({"a1", "a3"}), (("a1.2", told),)),
        LeftOut("a1.2", ordered, frozenset({"a1"})),  # its sentence cites a1.2, a telling of both facts
    ]
    briefs, _ = write_left_out(briefer, facts, None)
    written = [s.text for b in briefs for s in b.sentences]
    assert any("inquiry" in t for t in written) and any("explanation" in t for t in written)


def test_a_sentence_enough_outlets_bear_out_to_make_it_widely_told_is_not_asked_for_again() -> None:
    beds = "Volunteers laid out camp beds, hot food and a pharmacy counter for the families."
    passages, _ = make_cluster([OPENING, PLAIN], [OPENING, DETAILED], [OPENING, beds], published="2026-03-04")
    backend = FakeBackend()
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    fact = LeftOut("a1.2", PLAIN, frozenset({"a1", "a2", "a3"}), (("a2.2", DETAILED), ("a3.2", beds)))
    briefs, _ = write_left_out(briefer, [fact], None, enough=2)
    [sentence] = [s for b in briefs for s in b.sentences]
    assert len(sentence.citations) == 2  # two of the three tellings: widely told
    assert len(backend.calls) == 1
    write_left_out(briefer, [fact], None, enough=3)
    assert len(backend.calls) == 3  # with three needed it is asked for again


# Two outlets' tellings of one fact; what they share in the same words is "from person to person".
SPREAD = "Legionella cannot be passed from person to person, doctors at the Royal said."
SPREAD_TOO = "Doctors at the Royal said legionella does not pass from person to person."
VAGUE = json.dumps(
    {"headline": "Outbreak", "sentences": ["Doctors at the Royal said legionella cannot be passed on. [P1]"]}
)


def test_a_sentence_without_the_words_every_telling_shares_is_asked_for_again() -> None:
    """Borne out by both tellings, it still lost the fact: both say how the disease does not pass."""
    passages, _ = make_cluster([OPENING, SPREAD], [OPENING, SPREAD_TOO], published="2026-03-04")
    backend = FakeBackend(replies=[VAGUE])
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    fact = LeftOut("a1.2", SPREAD, frozenset({"a1", "a2"}), (("a2.2", SPREAD_TOO),))
    briefs, _ = write_left_out(briefer, [fact], None)
    shown = backend.calls[0].messages[-1]["content"]
    assert "from person to person" in shown.split("Shared words:")[1]
    assert len(backend.calls) == 2
    [sentence] = [s for b in briefs for s in b.sentences]
    assert "person to person" in sentence.text


def test_a_sentence_keeping_the_shared_words_stands() -> None:
    passages, _ = make_cluster([OPENING, SPREAD], [OPENING, SPREAD_TOO], published="2026-03-04")
    backend = FakeBackend()  # extractive: the telling itself, shared words and all
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    fact = LeftOut("a1.2", SPREAD, frozenset({"a1", "a2"}), (("a2.2", SPREAD_TOO),))
    write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 1


# Three outlets' tellings of one fact; the second outlet's is a loose echo with none of the shared words.
ROUND = "Council engineers said water had found its way round the eastern end of Tarn's flood wall."
ECHO = "Engineers from the council were due to inspect the wall on Friday to see how water got past."
OUTFLANKED = "The town's flood wall held in the centre but was outflanked at its eastern end."
BREACHED = json.dumps(
    {"headline": "Flood", "sentences": ["Water breached Tarn's flood wall, council engineers said. [P1]"]}
)


def test_asked_again_the_fact_is_shown_first_by_the_telling_with_the_shared_words() -> None:
    passages, _ = make_cluster(
        [OPENING, ROUND], [OPENING, ECHO], [OPENING, OUTFLANKED], published="2026-03-04"
    )
    backend = FakeBackend(replies=[BREACHED])  # then extractive: the telling shown first
    briefer = Briefer(backend, passages, Settings(backend="fake"))
    fact = LeftOut("a1.2", ROUND, frozenset({"a1", "a2", "a3"}), (("a2.2", ECHO), ("a3.2", OUTFLANKED)))
    briefs, _ = write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 2
    asked_again = backend.calls[1].messages[-1]["content"]
    assert asked_again.index(OUTFLANKED) < asked_again.index(ECHO)
    [sentence] = [s for b in briefs for s in b.sentences]
    assert "eastern end" in sentence.text


def test_a_fact_with_no_sentence_at_first_is_asked_for_again_from_the_other_outlet() -> None:
    # bench orvel-flood: the model copied the first telling word for word, nothing passed, and the
    # flood wall, in two of three outlets, was lost without a second try.
    briefer, backend, fact = _fact(DETAILED, PLAIN)
    unsupported = json.dumps(
        {"headline": "Rest centre", "sentences": ["The council turned the Corn Exchange into a cinema. [P1]"]}
    )
    backend.replies = [unsupported, unsupported]  # the first ask and its mend
    briefs, _ = write_left_out(briefer, [fact], None)
    assert len(backend.calls) == 3
    [sentence] = [s for b in briefs for s in b.sentences]
    assert sentence.text == PLAIN
    assert sorted(c.passage_id for c in sentence.citations) == ["a1.2", "a2.2"]
