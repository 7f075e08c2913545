"""Does a sentence say what its sources say, or the words of it with the meaning turned?

Word overlap passes "The port reopened" against "The port did not reopen". These checks read the
dependency parse (`briefing.text.parser`) of the sentence and of the cited passages and compare the
clauses that say the same thing (same predicate lemma, or the same figure):

- polarity: a clause denied on one side only ("did not reopen" / "reopened"; "does not have to pay"
  / "must pay");
- direction: the other end of one scale (rose/fell, for/against, win/lose, open/close), judged by the
  source's closest telling of the same fact; the side of a tally ("voted 6 to 5 to close" / "against");
- roles: doer and done-to swapped ("Acme sued Globex" / "Globex sued Acme"; passives read as actives);
- figures: a figure given to another noun or subject than its source's ("exports fell 5%" where 5% is
  imports), two figures swapped between what describes them ("defrauded of £1.1m, must repay £2.4m"
  the other way round), a figure joined to what another passage counts or to a name another passage
  gives ("600 residents along Marsden Road", `blend.py`: a blend), a place or group
  the figure does not cover ("nine died in the city" when eight did), another unit ("5 miles" for
  "5 km", "50 cm" for "50 mm") or another period ("a week" for "a day"), another side of it ("more
  than 300" for "nearly 300", "12 died" for "at least 12", `bounds.py`);
- speaker: words attributed to someone other than the person the source gives them to, including a
  speaker the source has say other things;
- attribution: a quotation, a claimed view or an estimate stated in the brief's own voice;
- hedges: "could", "plans to" or an "if" turned into a fact;
- time: a time word the sources do not use, past turned into future and back, a future the source
  reports ("said he would step down") told as done, a clock time ("4am" for "4pm"), "before" for
  "after";
- ordinals and qualifiers: "third" for "second", a streak's count, a rank dropped ("largest" for
  "second-largest"); "former", "acting", "alleged", "suspected of" dropped or added;
- causes: "because", "led to" where the sources give no reason, or only a likely one.

Each check reports what it found, so an editor sees why a sentence failed. They look for
contradictions, not for support: a fact the parse cannot place passes here and is left to the
lexical checks and the entailment judge.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from spacy.tokens import Doc

from briefing.check.align import Problems
from briefing.check.attribution import attribution
from briefing.check.causes import causes
from briefing.check.clauses import hedges, polarity, roles, time
from briefing.check.direction import direction
from briefing.check.figures import figures_bound
from briefing.check.voices import speaker
from briefing.check.wording import ordinals, qualifiers
from briefing.text.parser import parse

CHECKS: dict[str, Callable[[Doc, Sequence[Doc]], Problems]] = {
    "polarity": polarity,
    "direction": direction,
    "roles": roles,
    "figures": figures_bound,
    "speaker": speaker,
    "attribution": attribution,
    "hedges": hedges,
    "time": time,
    "ordinals": ordinals,
    "qualifiers": qualifiers,
    "causes": causes,
}


def structure_problems(sentence: str, cited: Sequence[str]) -> dict[str, Problems]:
    """Each structure check's findings for `sentence` against the cited texts (empty lists pass)."""
    claim = parse(sentence)
    evidence = [parse(text) for text in cited]
    return {name: check(claim, evidence) for name, check in CHECKS.items()}
