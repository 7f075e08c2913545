"""The word lists role claims (`briefing.text.roles`) are found by: countries and their words, titles
many people hold, offices, the things a person leads and the verbs that say so."""

from __future__ import annotations

from briefing.text.lexicon import FORMER

ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "sen", "rep", "gov"})
_COUNTRY_WORDS = {
    "us": "us usa american america washington", "china": "china chinese beijing", "uk": "uk british britain",
    "eu": "eu european", "japan": "japan japanese", "india": "india indian", "russia": "russia russian",
    "france": "france french", "germany": "germany german", "canada": "canada canadian",
}  # fmt: skip
DEMONYM_ENDINGS = ("ian", "ean", "ese", "ish")
COUNTRIES = {w: country for country, words in _COUNTRY_WORDS.items() for w in words.split()}
# Titles that many people hold at once: a name after them says nothing about who holds one office.
MANY_HOLDERS = frozenset({
    "senator", "sen", "rep", "congressman", "congresswoman", "judge", "justice", "general", "gen",
    "admiral", "colonel", "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt", "inspector",
    "detective", "superintendent", "commander", "sheriff", "prosecutor", "spokesman", "spokeswoman",
    "spokesperson", "founder", "editor", "coach", "manager", "economist", "analyst", "envoy", "professor",
    "prof", "lord", "lady", "prince", "princess", "rev", "reverend", "bishop", "councillor", "councilor",
    "ambassador", "officer", "attorney", "dr", "mr", "mrs", "ms", "sir", "dame"
})  # fmt: skip
OFFICES = frozenset({("mayor",), ("deputy", "mayor"), ("vice", "premier"), ("vice", "mayor")})
# Offices every country has: "Prime Minister Kim" says nothing against "Prime Minister Ito" unless both
# are given the same country.
NEED_COUNTRY = frozenset({"minister", "premier", "chancellor", "governor"})
NOT_HOLDER = FORMER | {"acting", "interim", "outgoing", "incoming", "late", "designate", "future"}
ORG_WORDS = frozenset({
    "council", "authority", "association", "ministry", "department", "house", "office", "bank", "group",
    "company", "university", "institution", "agency", "commission", "committee", "party", "government",
    "administration", "court", "board", "inc", "corp", "ltd", "post", "news", "times", "press"
})  # fmt: skip
THINGS = frozenset({
    "delegation", "team", "project", "talks", "negotiations", "effort", "investigation", "inquiry",
    "review", "campaign", "mission", "panel", "committee", "bid", "consortium", "scheme", "programme",
    "program", "operation", "side", "discussions", "taskforce"
})  # fmt: skip
LEAD = frozenset({
    "led", "leads", "lead", "headed", "heads", "oversaw", "oversees", "spearheaded", "leading", "heading",
    "overseeing"
})  # fmt: skip
PASSIVE = frozenset({"led", "headed", "spearheaded"})
AUX = frozenset({
    ",", "who", "which", "is", "was", "are", "were", "will", "would", "has", "have", "had", "to", "be",
    "been", "being", "also", "jointly", "currently"
})  # fmt: skip
DETERMINERS = frozenset({"the", "its", "his", "her", "their", "a", "an", "this", "that"})
