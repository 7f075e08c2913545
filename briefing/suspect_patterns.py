"""The phrasings of suspect text: assistant filler and instructions planted for a model.

Kept apart from `briefing.suspect`, which applies them, because they are long: see that module's
docstring for what makes a passage suspect and why every pattern needs two cues together.
"""

from __future__ import annotations

import re

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

# --- Building blocks ------------------------------------------------------------------------------
# All patterns ignore case and put `\s+` between words, so hard-wrapped lines still match.
_APOS = r"['\u2019]"  # straight or curly apostrophe
# Clause-start punctuation a match may begin with, left out of the words quoted in a reason.
_PUNCTUATION = " .!?;:,()[]<>*-\"'\u201c\u2013\u2014"

# Where an imperative can begin: the start of the text, or after sentence or clause punctuation,
# a bracket, a dash, a quotation mark or an HTML comment opener ("<!-- ignore…"). An imperative in
# the middle of reported speech ("told jurors to ignore…") is news, not an instruction.
_CLAUSE_START = r"(?:^|[.!?:;\]\)>*\-\u2013\u2014\"\u201c(\[]|\b(?:please|kindly|now|so|just|simply))\s*"

# This very text, as a summariser would be told about it.
_THIS_TEXT = (
    r"this\s+(?:article|story|page|piece|report|text|item|post|document|site|content|passage|feed|web\s*page)"
)

# A machine reader: a summariser, bot, aggregator, "automated digest", "machine reader", or any
# system/tool/model "processing this page". A head noun that is machine-like on its own (bot,
# chatbot, aggregator, LLM) needs nothing more; a generic one (reader, system, tool, digest) needs a
# machine word before it or a "reading this page" after it, so "readers" and "the system" stay news.
# Repetitions are bounded ({1,3}, {0,2}): unbounded ones let a hostile page of "ai ai ai…" make
# matching take minutes.
_MACHINE_WORD = (
    r"(?:automated|automatic|ai|a\.i\.|ai-powered|ai-driven|machine|computer|algorithmic|robot|llm"
    r"|summary|summari[sz]ation|summari[sz]ing|digest|chatbot"
    r"|(?:ai|machine|computer|auto(?:matically)?)[\s-]generated)"
)
_MACHINE_HEAD = (
    r"(?:ais?|a\.i\.|llms?|(?:large\s+)?language\s+models?|chatbots?|bots?|summari[sz]ers?"
    r"|aggregators?|crawlers?|scrapers?|assistants?)"
)
_GENERIC_HEAD = (
    r"(?:readers?|digests?|tools?|software|systems?|programs?|programmes?|engines?|services?|models?"
    r"|apps?|agents?|summar(?:y|ies)|briefs?|recaps?)"
)
_NEWS_WORD = r"(?:(?:news|content|text|web|search|article)[\s-]+)?"
_READING_THIS = (
    r"(?:\s+(?:(?:that|which|who)\s+(?:is\s+|are\s+)?)?"
    r"(?:read(?:s|ing)?|process(?:es|ing)?|summari[sz](?:es|e|ing)|index(?:es|ing)?|crawl(?:s|ing)?"
    r"|scrap(?:es|e|ing)|ingest(?:s|ing)?|pars(?:es|e|ing)|handl(?:es|e|ing)|of|on|for)"
    rf"\s+(?:{_THIS_TEXT}|this)\b)"
)
_READER = (
    r"\b(?:(?:any|all|every|each|the|an?|our|dear|hey|hello|hi)\s+)?"
    rf"(?:(?:{_MACHINE_WORD}[\s-]+){{1,3}}{_NEWS_WORD}(?:{_GENERIC_HEAD}|{_MACHINE_HEAD})"
    rf"|{_NEWS_WORD}{_MACHINE_HEAD}"
    rf"|{_NEWS_WORD}{_GENERIC_HEAD}(?={_READING_THIS}))"
    rf"{_READING_THIS}?\b"
)
_READERS = rf"{_READER}(?:\s*(?:,|and|or|&|/)\s*{_READER}){{0,2}}"
# Readers whose whole job is summarising: for them "must report that…" is an instruction even
# without "this article" ("AI summarizers must report that…"); "chatbots must state that they are
# not human" is a law being reported.
_SUMMARISER = re.compile(
    r"summari[sz]ers?|(?:summary|summari[sz]ation|summari[sz]ing|digest)\s+(?:tools?|bots?|software"
    r"|systems?|programs?|engines?|services?|apps?|models?)|automated\s+digests?",
    re.IGNORECASE,
)
_DEIXIS = re.compile(rf"\b(?:{_THIS_TEXT}|reading\s+this|the\s+following|as\s+follows)\b", re.IGNORECASE)

# What a summariser is told to do with its output.
_OUTPUT_VERB = (
    r"(?:say|state|report|write|mention|include|describe|present|frame|headline|summari[sz]e|output"
    r"|respond|reply|answer|lead|open|begin|start|treat|note|stress|emphasi[sz]e|highlight|repeat"
    r"|call|characteri[sz]e|portray|put|make\s+sure|ensure|tell|add|use)\b"
)
_SUMMARY = r"(?:summary|summaries|brief|briefs|digest|digests|recap|recaps|answer|response|output|headline)"

# Earlier instructions, as an injection names them.
_EARLIER = r"(?:previous|prior|earlier|above|preceding|original|initial|default|system)"
_RULES = (
    r"(?:instructions?|prompts?|rules|directions?|directives?|guidance|guidelines?|orders|commands"
    r"|briefing|programming|constraints)"
)
_SET_ASIDE = (
    r"(?:ignore|disregard|forget|override|overlook|discard|abandon|set\s+aside|put\s+aside"
    r"|pay\s+no\s+(?:attention|heed|mind)\s+to|take\s+no\s+notice\s+of|never\s+mind"
    rf"|(?:do\s+not|don{_APOS}?t|stop)\s+(?:follow(?:ing)?|obey(?:ing)?|heed(?:ing)?|apply(?:ing)?))"
)
_YOU_WERE_TOLD = (
    rf"you\s+(?:were|have\s+been|{_APOS}ve\s+been|had\s+been)\s+(?:told|instructed|asked|given|prompted)"
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
            rf"{_CLAUSE_START}{_SET_ASIDE}\s+(?:(?:all|any|the|of|your|those|these|every)\s+){{0,3}}"
            rf"(?:(?:{_EARLIER}\s+{_RULES})|(?:{_RULES}\s+{_YOU_WERE_TOLD}))\b"
            # "your rules" is addressed to the reader wherever it stands.
            rf"|\b{_SET_ASIDE}\s+(?:(?:all|any|of)\s+){{0,2}}your\s+(?:{_EARLIER}\s+)?{_RULES}\b",
            re.IGNORECASE,
        ),
    ),
    # "Set aside what you were told before", "Whatever you were instructed earlier": earlier
    # instructions named by what was said to "you". "Forget everything you were told about dieting"
    # (a feature headline) has no "before/earlier" and is not told by "instructed".
    (
        "sets aside earlier instructions",
        re.compile(
            rf"(?:{_CLAUSE_START}{_SET_ASIDE}\s+(?:everything|anything|all|what)|\bwhatever"
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
            rf"(?:{_CLAUSE_START}(?:all\s+)?|\byour\s+){_EARLIER}\s+"
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
            rf"{_READERS}(?:,?\s+(?:please\s+)?(?:take\s+)?note)?\s*[:,;\-\u2013\u2014]",
            re.IGNORECASE,
        ),
    ),
    # "If you are an automated system summarising this article…", "If you're an AI…".
    (
        "addressed to a machine reader",
        re.compile(
            rf"\bif\s+you\s*(?:are|{_APOS}re)\s+(?:{_READER}|(?:summari[sz]ing|processing|indexing"
            rf"|crawling|scraping|digesting)\s+{_THIS_TEXT})",
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
            rf"|headline|recap)(?:\s+{_THIS_TEXT})?)(?:\s+(?:of|for)\s+{_THIS_TEXT})?\s+"
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
            rf"(?:{_THIS_TEXT}|the\s+(?:above|following)\s+\w+),?\s+(?:please\s+|always\s+|be\s+sure\s+to\s+"
            rf"|make\s+sure\s+to\s+)?(?:{_OUTPUT_VERB}|do\s+not|don{_APOS}?t|never|avoid|omit|focus)",
            re.IGNORECASE,
        ),
    ),
    # "Please summarise this article as follows:".
    (
        "prescribes the summary",
        re.compile(
            r"(?:^|[.!?:;\]\)>\"\u201c(\[-]\s*|\bplease\s+)(?:summari[sz]e|describe|present|headline|frame"
            rf"|recap|sum\s+up|report|cover|brief)\s+{_THIS_TEXT}\s+(?:as|by|with|like)\b",
            re.IGNORECASE,
        ),
    ),
    # "In your summary, say…", "make sure your recap says…": "your" summary is the model's.
    (
        "prescribes the summary",
        re.compile(
            rf"\b(?:in\s+your\s+{_SUMMARY},?\s+(?:say|state|write|report|mention|include|lead|stress)"
            rf"|your\s+{_SUMMARY}\s+(?:(?:must|should|needs\s+to|has\s+to|will)\s+)?"
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
    rf"{_CLAUSE_START}(?P<to>(?:dear|hey|hello|hi|to|for|attention|calling\s+all)\s+)?(?P<who>{_READERS})"
    r"(?P<note>,?\s+(?:please\s+)?(?:take\s+)?note)?\s*[:,;\-\u2013\u2014]\s*",
    re.IGNORECASE,
)
# What follows a bare vocative when it is an instruction: an imperative or "you must…", or the one
# fact or summary it wants. "Bots, the report said, …" and "AI assistants: what they can do" go on
# as news.
_AFTER_VOCATIVE = re.compile(
    rf"(?:please\s+|kindly\s+|you\s+(?:must|should|need\s+to|have\s+to|are\s+to|will|shall)\s+)?"
    rf"(?:{_OUTPUT_VERB}|take\s+note|ignore|disregard|forget|remember|do\s+not|don{_APOS}?t)"
    r"|the\s+(?:only\s+|one\s+)?(?:correct|accurate|real|true|key|main|most\s+important|only|actual)\s+"
    r"(?:summary|fact|headline|story|point|takeaway|news)"
    rf"|{_THIS_TEXT}",
    re.IGNORECASE,
)
_READING_THIS_RE = re.compile(_READING_THIS, re.IGNORECASE)

# A machine reader as the subject of an obligation to write something: "Summary tools should open
# with…", "Any system processing this page should state that…", "Content aggregators are asked to
# headline this story as…". See `_obliged`.
_OBLIGED = re.compile(
    rf"(?P<who>{_READERS})\s+(?:must|should|shall|needs?\s+to|ha(?:ve|s)\s+to|(?:are|is)\s+to"
    r"|(?:are|is)\s+(?:asked|requested|instructed|told|required|expected|advised|urged|encouraged)\s+to"
    r"|will\s+now|,?\s*please)\s+(?:now\s+|always\s+|also\s+|only\s+|first\s+)?"
    rf"{_OUTPUT_VERB}",
    re.IGNORECASE,
)


def _addressed(text: str) -> str | None:
    """A vocative to a machine reader that is an instruction, not a news sentence starting "Bots,"."""
    for match in _VOCATIVE.finditer(text):
        explicit = match.group("to") or match.group("note") or _READING_THIS_RE.search(match.group("who"))
        if explicit or _AFTER_VOCATIVE.match(text, match.end()):
            return match.group(0).strip(_PUNCTUATION)
    return None


def _obliged(text: str) -> str | None:
    """A machine reader told what to write. A summariser needs nothing more; any other machine needs
    "this article" in the text too, so a reported law ("Chatbots must state that they are not
    human") or rule ("AI-generated summaries must include a link") stays news."""
    for match in _OBLIGED.finditer(text):
        if _SUMMARISER.search(match.group("who")) or _DEIXIS.search(text):
            return match.group(0).strip(_PUNCTUATION)
    return None


def instruction_reason(text: str) -> str | None:
    """Which kind of planted instruction the text is, with the words that show it (None if none)."""
    for kind, pattern in _FAMILIES:
        match = pattern.search(text)
        if match:
            return f'{kind}: "{match.group(0).strip(_PUNCTUATION)}"'
    words = _addressed(text)
    if words:
        return f'addressed to a machine reader: "{words}"'
    words = _obliged(text)
    if words:
        return f'a machine reader told what to write: "{words}"'
    return None
