"""Whose words: the speaker of a quotation or statement (views stated as fact are `attribution.py`'s)."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc, Span, Token

from briefing.check.align import Problems
from briefing.check.cues import OPINION_REPORTING, QUOTING, REPORTING
from briefing.check.tree import (
    circumstances,
    content_lemmas,
    lemma,
    phrase_words,
    subject_of,
)
from briefing.text.words import flat, quotations


def _speakers(doc: Doc) -> list[tuple[Token, set[str]]]:
    """(speaker, what they said as content lemmas) for each reporting verb with a named speaker."""
    found = []
    for token in doc:
        if lemma(token) not in REPORTING or token.pos_ != "VERB":
            continue
        speaker = _speaker_of(token)
        if lemma(token) == "accord":  # "according to X": X said the clause it hangs on
            said_tokens = [t for t in token.head.subtree if t not in _subtree(token)]
        else:
            said_tokens = [g for c in token.children if c.dep_ in {"ccomp", "xcomp"} for g in c.subtree]
            if not said_tokens:  # "'...,' she said": the quotation is the rest of the sentence,
                # but for what another speaker says in it ("A called it X, while B insisted Y").
                others = {t for v in _other_reporters(token) for t in v.subtree}
                said_tokens = [
                    t for t in token.sent if t.i != token.i and t not in _subtree(speaker) and t not in others
                ]
        # "said residents were given two hours, insisting the orders came early": two statements.
        nested = {t for s in said_tokens if s.tag_ == "VBG" and lemma(s) in _TELLING for t in s.subtree}
        # "said his side had expected a tough game after Halvard beat them": when is not what was said.
        nested |= circumstances(said_tokens)
        # "X will spend £3m; residents reported 4,100 potholes, according to figures": a semicolon
        # ends what each speaker is given.
        part = _part(token)
        if speaker is not None and speaker.pos_ in {"NOUN", "PROPN"}:
            found.append(
                (speaker, content_lemmas([t for t in said_tokens if t not in nested and _part(t) == part]))
            )
    return found


_TELLING = REPORTING | OPINION_REPORTING


def _part(token: Token) -> int:
    """Which part of its sentence, between semicolons, `token` is in."""
    return token.doc[token.sent.start : token.i].text.count(";")


def _other_reporters(token: Token) -> list[Token]:
    """The other reporting verbs of the sentence that do not hold `token`."""
    return [
        v
        for v in token.sent
        if v != token and lemma(v) in REPORTING | QUOTING and v.pos_ == "VERB" and token not in v.subtree
    ]


def _holds(verb: Token, offset: int) -> bool:
    """Whether the word at character `offset` is in what `verb` governs (not its subject)."""
    subject = _subtree(subject_of(verb))
    return any(t.idx <= offset + 1 < t.idx + len(t.text) + 1 and t not in subject for t in verb.subtree)


def _subtree(token: Token | None) -> set[Token]:
    return set(token.subtree) if token is not None else set()


def reporter(sent: Span, near: int | None = None, length: int = 0) -> Token | None:
    """The noun subject of the sentence's reporting verb ("the mayor said"), if any; with `near` (a
    character offset, where a quotation of `length` characters starts), of the reporting verb closest
    to it, as a sentence may give two people's words ("Pratt said ..., while Marsh said: '...'"). A
    verb inside the quotation ("'faster than any model predicted'") says nothing of who speaks it."""
    verbs = [
        t
        for t in sent
        if lemma(t) in REPORTING | QUOTING
        and t.pos_ == "VERB"
        and not (near is not None and near < t.idx < near + length)
    ]
    if near is not None:
        # The verb whose clause holds the quotation, the innermost first ("said the offer was 'fair
        # and affordable' and urged the union…": said, though "urged" stands nearer); then the nearest.
        inside = {v.i: len(list(v.subtree)) for v in verbs if _holds(v, near)}
        verbs.sort(key=lambda v: (inside.get(v.i, len(sent) + 1), abs(v.idx - near)))
    who = next((s for v in verbs if (s := _speaker_of(v)) is not None), None)
    return who if who is not None and who.pos_ in {"NOUN", "PROPN"} else None


def _speaker_of(verb: Token) -> Token | None:
    """The subject of a reporting verb; of "according to X", X."""
    if lemma(verb) == "accord":
        return next((g for c in verb.children for g in c.children if g.dep_ == "pobj"), None)
    return subject_of(verb)


_NAMED_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})


def _is_name(token: Token) -> bool:
    # The tagger reads a sentence's first word as a noun more often than a name ("Heyerdahl said").
    return token.pos_ == "PROPN" or (token.ent_type_ in _NAMED_ENTITIES and token.text[:1].isupper())


def _named(token: Token) -> bool:
    """ "Lopez", "Maria Lopez", and "the chief operating officer, Lukas Heyerdahl," (a name in apposition)."""
    return _is_name(token) or any(
        _is_name(c) for c in token.children if c.dep_ in {"compound", "flat", "appos"}
    )


def _comparable(a: Token, b: Token) -> bool:
    """Two speakers can be told apart when both are named or both are described ("the mayor");
    "the company" against "Grennard Foods" may be the same one, and so may "the company" and "the
    carmaker": two bare descriptions may name one party the text names elsewhere."""
    return _named(a) == _named(b) and not (_bare(a) and _bare(b))


def _bare(token: Token) -> bool:
    """ "the company", "the carmaker": a description with nothing but its article."""
    return token.pos_ == "NOUN" and all(c.dep_ == "det" for c in token.children)


def _marked(token: Token) -> bool:
    """A description that tells one party from others by a word of its own: "the county council",
    "a spokesman for the Restaurants Association"; not "the company, the country's largest baker"."""
    return any(c.dep_ == "compound" and c.pos_ == "NOUN" for c in token.children) or any(
        t.pos_ == "PROPN" for c in token.children if c.dep_ == "prep" for t in c.subtree
    )


_POLICE_RANKS = frozenset(
    {"detective", "inspector", "constable", "sergeant", "superintendent", "officer", "commissioner"}
)


def _same_speaker(a: Token, b: Token) -> bool:
    """ "Brody" and "general secretary Ian Brody"; "the union" and "the Rail Workers' Union" - but not
    "the Rail Workers' Union" and "the Rail Users Forum", which only share a word."""
    words_a, words_b = phrase_words(a), phrase_words(b)
    if lemma(a) in words_b or lemma(b) in words_a:
        return True
    if {lemma(a), lemma(b)} & {"police"} and (words_a | words_b) & _POLICE_RANKS:
        return True  # "police said" for what Detective Inspector Rhona Keyes said
    # "Aldorian Foreign Minister Ilona Petrescu" and "Ruvenian Foreign Minister Gideon Achterberg":
    # two people by name, whatever title they share.
    two_people = a.ent_type_ == "PERSON" and b.ent_type_ == "PERSON"
    return len(words_a & words_b) >= 2 and not two_people


def speaker(claim: Doc, evidence: Sequence[Doc]) -> Problems:
    """Words given to someone other than the person the source gives them to."""
    problems = []
    ev = [s for doc in evidence for s in _speakers(doc)]
    for who, said in _speakers(claim):
        if len(said) < 3:
            continue
        scored = [(len(said & e_said) / len(said), e_who) for e_who, e_said in ev]
        best = max((s for s, _ in scored), default=0.0)
        if best < 0.6:
            continue
        tellers = [e for s, e in scored if s == best]
        matches = [e for e in tellers if _comparable(e, who)]
        # "Unions warned ..." where the source has an employers' group warn it and unions say else.
        elsewhere = [e for s, e in scored if s < best and _same_speaker(e, who)]
        wrong = matches and all(not _same_speaker(e, who) for e in matches)
        # A description ("the company") may be the sentence's named speaker; a name is someone else.
        named_tellers = [e for e in tellers if _named(e)]
        # A described party ("the county council, which introduced the charges") that shares no word
        # with how the sources name the sentence's speaker is another party too.
        other_party = [
            e for e in tellers if not _named(e) and _marked(e) and e.tag_ != "NNS"  # a group may hold them
            and not any(phrase_words(e) & phrase_words(x) for x in elsewhere)
        ]  # fmt: skip
        if wrong or (
            elsewhere and (named_tellers or other_party) and not any(_same_speaker(e, who) for e in tellers)
        ):
            problems.append(f"'{who.text}' where the source has '{tellers[0].text}'")
    # A quotation: whoever says it in the source's sentence that holds it.
    for sent in claim.sents:
        for start, end in quotations(sent.text):
            quote = sent.text[start:end]
            teller = reporter(sent, sent.start_char + start - 1, len(quote) + 2) if len(quote) >= 8 else None
            if teller is None:
                continue
            holders = [
                (s, s.start_char + max(0, s.text.casefold().find(quote.casefold()[:12])))
                for doc in evidence
                for s in doc.sents
                if flat(quote) in flat(s.text)
            ]
            givers = [
                g
                for s, at in holders
                if (g := reporter(s, at, len(quote) + 2)) is not None and _comparable(g, teller)
            ]
            if givers and all(not _same_speaker(g, teller) for g in givers):
                problems.append(f"the quotation is '{givers[0].text}'s in the source, not '{teller.text}'s")
    return list(dict.fromkeys(problems))
