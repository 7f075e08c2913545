"""The building blocks of the suspect-text patterns (`briefing.prepare.suspect_patterns`): regular
expression pieces for where an imperative may begin, "this article", a machine reader, what a
summariser is told to write, and earlier instructions set aside.
"""

from __future__ import annotations

import re

# All patterns ignore case and put `\s+` between words, so hard-wrapped lines still match.
APOS = r"['\u2019]"  # straight or curly apostrophe
# Clause-start punctuation a match may begin with, left out of the words quoted in a reason.
PUNCTUATION = " .!?;:,()[]<>*-\"'\u201c\u2013\u2014"

# Where an imperative can begin: the start of the text, or after sentence or clause punctuation,
# a bracket, a dash, a quotation mark or an HTML comment opener ("<!-- ignore…"). An imperative in
# the middle of reported speech ("told jurors to ignore…") is news, not an instruction.
CLAUSE_START = r"(?:^|[.!?:;\]\)>*\-\u2013\u2014\"\u201c(\[]|\b(?:please|kindly|now|so|just|simply))\s*"

# This very text, as a summariser would be told about it.
THIS_TEXT = (
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
READING_THIS = (
    r"(?:\s+(?:(?:that|which|who)\s+(?:is\s+|are\s+)?)?"
    r"(?:read(?:s|ing)?|process(?:es|ing)?|summari[sz](?:es|e|ing)|index(?:es|ing)?|crawl(?:s|ing)?"
    r"|scrap(?:es|e|ing)|ingest(?:s|ing)?|pars(?:es|e|ing)|handl(?:es|e|ing)|of|on|for)"
    rf"\s+(?:{THIS_TEXT}|this)\b)"
)
READER = (
    r"\b(?:(?:any|all|every|each|the|an?|our|dear|hey|hello|hi)\s+)?"
    rf"(?:(?:{_MACHINE_WORD}[\s-]+){{1,3}}{_NEWS_WORD}(?:{_GENERIC_HEAD}|{_MACHINE_HEAD})"
    rf"|{_NEWS_WORD}{_MACHINE_HEAD}"
    rf"|{_NEWS_WORD}{_GENERIC_HEAD}(?={READING_THIS}))"
    rf"{READING_THIS}?\b"
)
READERS = rf"{READER}(?:\s*(?:,|and|or|&|/)\s*{READER}){{0,2}}"
# Readers whose whole job is summarising: for them "must report that…" is an instruction even
# without "this article" ("AI summarizers must report that…"); "chatbots must state that they are
# not human" is a law being reported.
SUMMARISER = re.compile(
    r"summari[sz]ers?|(?:summary|summari[sz]ation|summari[sz]ing|digest)\s+(?:tools?|bots?|software"
    r"|systems?|programs?|engines?|services?|apps?|models?)|automated\s+digests?",
    re.IGNORECASE,
)
DEIXIS = re.compile(rf"\b(?:{THIS_TEXT}|reading\s+this|the\s+following|as\s+follows)\b", re.IGNORECASE)

# What a summariser is told to do with its output.
OUTPUT_VERB = (
    r"(?:say|state|report|write|mention|include|describe|present|frame|headline|summari[sz]e|output"
    r"|respond|reply|answer|lead|open|begin|start|treat|note|stress|emphasi[sz]e|highlight|repeat"
    r"|call|characteri[sz]e|portray|put|make\s+sure|ensure|tell|add|use)\b"
)
SUMMARY = r"(?:summary|summaries|brief|briefs|digest|digests|recap|recaps|answer|response|output|headline)"

# Earlier instructions, as an injection names them.
EARLIER = r"(?:previous|prior|earlier|above|preceding|original|initial|default|system)"
RULES = (
    r"(?:instructions?|prompts?|rules|directions?|directives?|guidance|guidelines?|orders|commands"
    r"|briefing|programming|constraints)"
)
SET_ASIDE = (
    r"(?:ignore|disregard|forget|override|overlook|discard|abandon|set\s+aside|put\s+aside"
    r"|pay\s+no\s+(?:attention|heed|mind)\s+to|take\s+no\s+notice\s+of|never\s+mind"
    rf"|(?:do\s+not|don{APOS}?t|stop)\s+(?:follow(?:ing)?|obey(?:ing)?|heed(?:ing)?|apply(?:ing)?))"
)
YOU_WERE_TOLD = (
    rf"you\s+(?:were|have\s+been|{APOS}ve\s+been|had\s+been)\s+(?:told|instructed|asked|given|prompted)"
)
