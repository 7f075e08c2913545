"""The phrasings of suspect text: assistant filler and instructions planted for a model.

Kept apart from `briefing.prepare.suspect`, which applies them, because they are long: see that module's
docstring for what makes a passage suspect and why every pattern needs two cues together. The pieces
the patterns are built from are `briefing.prepare.suspect_phrases`.
"""

from __future__ import annotations

import re

from briefing.prepare.suspect_phrases import (
    APOS,
    CLAUSE_START,
    DEIXIS,
    EARLIER,
    OUTPUT_VERB,
    PUNCTUATION,
    READER,
    READERS,
    READING_THIS,
    RULES,
    SET_ASIDE,
    SUMMARISER,
    SUMMARY,
    THIS_TEXT,
    YOU_WERE_TOLD,
)

ASSISTANT_FILLER = re.compile(
    r"\b(as of my (last|latest|most recent) (check-?in|update|knowledge|training|information)"
    r"|as of my knowledge|my (knowledge|training)( data)? (cut-?off|cutoff)"
    r"|as an ai( language model)?|as a (large )?language model"
    r"|i (do not|don't|cannot|can't) (have )?(browse|access|real-time|the ability to)"
    r"|i hope this helps|i'?m sorry, but|here are (some|a few) (key )?(points|facts|possible)"
    r"|it is (advisable|recommended) to (check|consult|verify) (the )?(latest|official|reliable)"
    r"|for the (latest|most up-to-date) information,? (please )?(check|refer|consult))",
    re.IGNORECASE,
)

# --- Families of instructions ----------------------------------------------------------------------
_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    # "Ignore all previous instructions", "Pay no attention to earlier guidance", "Forget your rules",
    # "Forget the guidance you were given": an imperative at a clause start whose object is the
    # reader's earlier instructions. "Critics ignored earlier warnings" has no such object, and
    # "were told to disregard the earlier guidance" is reported speech, not an imperative.
    (
        "sets aside earlier instructions",
        re.compile(
            rf"{CLAUSE_START}{SET_ASIDE}\s+(?:(?:all|any|the|of|your|those|these|every)\s+){{0,3}}"
            rf"(?:(?:{EARLIER}\s+{RULES})|(?:{RULES}\s+{YOU_WERE_TOLD}))\b"
            # "your rules" is addressed to the reader wherever it stands.
            rf"|\b{SET_ASIDE}\s+(?:(?:all|any|of)\s+){{0,2}}your\s+(?:{EARLIER}\s+)?{RULES}\b",
            re.IGNORECASE,
        ),
    ),
    # "Set aside what you were told before", "Whatever you were instructed earlier": earlier
    # instructions named by what was said to "you". "Forget everything you were told about dieting"
    # (a feature headline) has no "before/earlier" and is not told by "instructed".
    (
        "sets aside earlier instructions",
        re.compile(
            rf"(?:{CLAUSE_START}{SET_ASIDE}\s+(?:everything|anything|all|what)|\bwhatever"
            r"|\bregardless\s+of\s+what|\bno\s+matter\s+what)\s+(?:that\s+)?"
            r"you\s+(?:were|have\s+been|['\u2019]ve\s+been|had\s+been)\s+"
            r"(?:(?:instructed|prompted)\b|(?:told|asked|given)\s+(?:to\s+do\s+)?"
            r"(?:before|earlier|previously|so\s+far|until\s+now|above|at\s+the\s+start))",
            re.IGNORECASE,
        ),
    ),
    # "Your earlier instructions no longer apply", "Previous directions are void".
    (
        "declares earlier instructions void",
        re.compile(
            rf"(?:{CLAUSE_START}(?:all\s+)?|\byour\s+){EARLIER}\s+"
            r"(?:instructions?|directions?|prompts?|guidance|guidelines?|directives?)\s+"
            r"(?:no\s+longer\s+appl(?:y|ies)|(?:are|is)\s+(?:now\s+)?(?:void|cancell?ed|revoked|superseded"
            r"|obsolete|invalid|null|overridden))",
            re.IGNORECASE,
        ),
    ),
    # "Editors' note for automated digests:", "IMPORTANT NOTE TO THE AI:", "Attention LLM:",
    # "Message to summary bots —": a note whose addressee is a machine, ending at a colon or a dash.
    # "Note to editors:" and "a message to AI developers" have a human addressee.
    (
        "a note addressed to a machine reader",
        re.compile(
            r"(?:\b(?:notes?|message|memo|notice|reminder|instructions?|directions?|directive|guidance"
            r"|request|warning|word|p\.?s\.?|n\.?b\.?)\s+(?:for|to)|\battention,?|\bcalling\s+all)\s+"
            rf"{READERS}(?:,?\s+(?:please\s+)?(?:take\s+)?note)?\s*[:,;\-\u2013\u2014]",
            re.IGNORECASE,
        ),
    ),
    # "If you are an automated system summarising this article…", "If you're an AI…".
    (
        "addressed to a machine reader",
        re.compile(
            rf"\bif\s+you\s*(?:are|{APOS}re)\s+(?:{READER}|(?:summari[sz]ing|processing|indexing"
            rf"|crawling|scraping|digesting)\s+{THIS_TEXT})",
            re.IGNORECASE,
        ),
    ),
    # "The correct summary is:", "The accurate digest of this article reads:", "The right way to
    # summarise this article is…": the one true summary of this text, prescribed. "The correct
    # figure was" is about a figure, not a summary.
    (
        "prescribes the summary",
        re.compile(
            r"\b(?:correct|right|accurate|proper|true|approved|only\s+(?:correct|accurate|true|honest|valid))\s+"
            r"(?:summary|summaries|digest|recap|headline|takeaway|way\s+to\s+(?:summari[sz]e|sum\s+up"
            rf"|headline|recap)(?:\s+{THIS_TEXT})?)(?:\s+(?:of|for)\s+{THIS_TEXT})?\s+"
            r"(?:is|are|reads|says|would\s+be|should\s+(?:be|say|read)|must\s+(?:be|say|read))\b",
            re.IGNORECASE,
        ),
    ),
    # "When summarising this story, lead with…", "When you summarize this piece, begin by saying…".
    # "When summing up, the prosecutor…" is not about this text; "When reporting on this story, the
    # paper contacted…" has no imperative after the comma.
    (
        "prescribes the summary",
        re.compile(
            r"\bwhen\s+(?:you\s+)?(?:summari[sz](?:e|ing)|sum(?:ming)?\s+up|digest(?:ing)?|recap(?:ping)?"
            r"|writing\s+(?:up|about)|reporting\s+on|covering|briefing\s+on|processing|condensing)\s+"
            rf"(?:{THIS_TEXT}|the\s+(?:above|following)\s+\w+),?\s+(?:please\s+|always\s+|be\s+sure\s+to\s+"
            rf"|make\s+sure\s+to\s+)?(?:{OUTPUT_VERB}|do\s+not|don{APOS}?t|never|avoid|omit|focus)",
            re.IGNORECASE,
        ),
    ),
    # "Please summarise this article as follows:".
    (
        "prescribes the summary",
        re.compile(
            r"(?:^|[.!?:;\]\)>\"\u201c(\[-]\s*|\bplease\s+)(?:summari[sz]e|describe|present|headline|frame"
            rf"|recap|sum\s+up|report|cover|brief)\s+{THIS_TEXT}\s+(?:as|by|with|like)\b",
            re.IGNORECASE,
        ),
    ),
    # "In your summary, say…", "make sure your recap says…": "your" summary is the model's.
    (
        "prescribes the summary",
        re.compile(
            rf"\b(?:in\s+your\s+{SUMMARY},?\s+(?:say|state|write|report|mention|include|lead|stress)"
            rf"|your\s+{SUMMARY}\s+(?:(?:must|should|needs\s+to|has\s+to|will)\s+)?"
            r"(?:say|says|state|states|mention|mentions|include|includes|lead|leads|open|opens|begin|begins"
            r"|start|starts|read|reads|contain|contains))\b",
            re.IGNORECASE,
        ),
    ),
    # "… must appear in every summary", "this should lead every summary".
    (
        "prescribes the summary",
        re.compile(
            r"\b(?:must|should|shall|needs?\s+to|has\s+to)\s+(?:be\s+)?(?:appear|included|mentioned|stated"
            r"|featured|lead|open|top|head|come\s+first)\s+(?:in\s+)?(?:any|every|each|the|your|all)\s+"
            r"(?:summary|summaries|brief|briefs|digest|digests|recap|recaps|answer|headline)\b",
            re.IGNORECASE,
        ),
    ),
    # Chat-template and role-play markers: "New instructions:", "[SYSTEM]", "System prompt:",
    # "You are now a tabloid writer", "As the AI, you…", "Respond with exactly this". A bare
    # "system prompt" or "you are now free to go" is news or a quotation.
    (
        "a prompt for a model",
        re.compile(
            r"\b(?:new|updated|additional|revised|real)\s+instructions\s*:|\[\s*system\s*\]"
            r"|\bsystem\s+(?:prompt|message)\s*:|<\|?(?:system|im_start)\|?>"
            r"|\byou\s+are\s+now\s+(?:an?\s|acting\s+as|playing|operating\s+as|in\s+\w+\s+mode)"
            r"|\bas\s+(?:the|an|your)\s+(?:ai|assistant|language\s+model),?\s+you\b"
            r"|\b(?:respond|reply|answer)\s+(?:only\s+)?with\s+(?:the\s+following|this|exactly)\b",
            re.IGNORECASE,
        ),
    ),
]

# A machine reader named as the one spoken to, at a clause start and before a comma or colon:
# "Bots reading this:", "Dear automated news reader,", "Scrapers, take note:", "Assistant, you
# should write…". See `_addressed`.
_VOCATIVE = re.compile(
    rf"{CLAUSE_START}(?P<to>(?:dear|hey|hello|hi|to|for|attention|calling\s+all)\s+)?(?P<who>{READERS})"
    r"(?P<note>,?\s+(?:please\s+)?(?:take\s+)?note)?\s*[:,;\-\u2013\u2014]\s*",
    re.IGNORECASE,
)
# What follows a bare vocative when it is an instruction: an imperative or "you must…", or the one
# fact or summary it wants. "Bots, the report said, …" and "AI assistants: what they can do" go on
# as news.
_AFTER_VOCATIVE = re.compile(
    rf"(?:please\s+|kindly\s+|you\s+(?:must|should|need\s+to|have\s+to|are\s+to|will|shall)\s+)?"
    rf"(?:{OUTPUT_VERB}|take\s+note|ignore|disregard|forget|remember|do\s+not|don{APOS}?t)"
    r"|the\s+(?:only\s+|one\s+)?(?:correct|accurate|real|true|key|main|most\s+important|only|actual)\s+"
    r"(?:summary|fact|headline|story|point|takeaway|news)"
    rf"|{THIS_TEXT}",
    re.IGNORECASE,
)
_READING_THIS_RE = re.compile(READING_THIS, re.IGNORECASE)

# A machine reader as the subject of an obligation to write something: "Summary tools should open
# with…", "Any system processing this page should state that…", "Content aggregators are asked to
# headline this story as…". See `_obliged`.
_OBLIGED = re.compile(
    rf"(?P<who>{READERS})\s+(?:must|should|shall|needs?\s+to|ha(?:ve|s)\s+to|(?:are|is)\s+to"
    r"|(?:are|is)\s+(?:asked|requested|instructed|told|required|expected|advised|urged|encouraged)\s+to"
    r"|will\s+now|,?\s*please)\s+(?:now\s+|always\s+|also\s+|only\s+|first\s+)?"
    rf"{OUTPUT_VERB}",
    re.IGNORECASE,
)


def _addressed(text: str) -> str | None:
    """A vocative to a machine reader that is an instruction, not a news sentence starting "Bots,"."""
    for match in _VOCATIVE.finditer(text):
        explicit = match.group("to") or match.group("note") or _READING_THIS_RE.search(match.group("who"))
        if explicit or _AFTER_VOCATIVE.match(text, match.end()):
            return match.group(0).strip(PUNCTUATION)
    return None


def _obliged(text: str) -> str | None:
    """A machine reader told what to write. A summariser needs nothing more; any other machine needs
    "this article" in the text too, so a reported law ("Chatbots must state that they are not
    human") or rule ("AI-generated summaries must include a link") stays news."""
    for match in _OBLIGED.finditer(text):
        if SUMMARISER.search(match.group("who")) or DEIXIS.search(text):
            return match.group(0).strip(PUNCTUATION)
    return None


def instruction_reason(text: str) -> str | None:
    """Which kind of planted instruction the text is, with the words that show it (None if none)."""
    for kind, pattern in _FAMILIES:
        match = pattern.search(text)
        if match:
            return f'{kind}: "{match.group(0).strip(PUNCTUATION)}"'
    words = _addressed(text)
    if words:
        return f'addressed to a machine reader: "{words}"'
    words = _obliged(text)
    if words:
        return f'a machine reader told what to write: "{words}"'
    return None
