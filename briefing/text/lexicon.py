"""Word lists for the name, sentence and verification checks: English news usage, lowercase."""

from __future__ import annotations

STOPWORDS = frozenset({
    "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are",
    "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by",
    "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for", "from",
    "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself", "him", "himself",
    "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself", "just", "me", "more", "most",
    "my", "no", "nor", "not", "now", "of", "off", "on", "once", "only", "or", "other", "our", "ours",
    "out", "over", "own", "same", "she", "should", "so", "some", "such", "than", "that", "the", "their",
    "theirs", "them", "then", "there", "these", "they", "this", "those", "through", "to", "too",
    "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which", "while",
    "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "said", "says", "say", "may",
    "might", "must", "shall", "us", "it's",
})  # fmt: skip
# Words that open sentences in news copy and so are capitalised without being names.
OPENERS = frozenset({
    "according", "additionally", "although", "another", "authorities", "analysts", "however",
    "meanwhile", "despite", "though", "still", "yet", "instead", "overall", "today", "yesterday",
    "tomorrow", "earlier", "later", "following", "many", "several", "critics", "experts", "officials",
    "residents", "nobody", "everyone", "someone", "anyone", "none", "everybody", "somebody",
    "supporters", "opponents", "police", "workers", "people", "customers", "locals", "local", "new",
    "last", "next", "every", "furthermore", "moreover", "separately", "elsewhere", "finally", "first",
    "second", "third", "please", "plans", "work", "construction", "households", "household", "bills",
    "water", "prices", "costs", "sales", "shares", "investors", "voters", "families", "children",
    "students", "teachers", "doctors", "patients", "fishers", "farmers", "businesses",
})  # fmt: skip
TITLES = frozenset({
    "mr", "mrs", "ms", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "king", "queen",
    "prince", "princess", "pope", "rev", "reverend", "bishop", "archbishop", "president", "vice",
    "prime", "minister", "secretary", "chancellor", "mayor", "governor", "gov", "senator", "sen",
    "representative", "rep", "congressman", "congresswoman", "councillor", "councilor", "chair",
    "chairman", "chairwoman", "chairperson", "director", "chief", "executive", "officer", "ceo", "cfo",
    "coo", "head", "leader", "speaker", "commissioner", "ambassador", "judge", "justice", "general",
    "gen", "admiral", "colonel", "col", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt",
    "inspector", "detective", "superintendent", "commander", "sheriff", "attorney", "prosecutor",
    "spokesman", "spokeswoman", "spokesperson", "founder", "editor", "coach", "manager", "deputy",
    "premier", "envoy", "economist", "analyst", "det", "supt", "insp", "cllr", "ch", "cdr", "maj",
})  # fmt: skip
# Abbreviated titles and what they stand for: "Det Supt Marcus Oyelaran" is "Detective Superintendent".
TITLE_ABBREVIATIONS = {
    "det": "detective", "supt": "superintendent", "insp": "inspector", "sgt": "sergeant",
    "cllr": "councillor", "gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
    "col": "colonel", "capt": "captain", "lt": "lieutenant", "prof": "professor", "ch": "chief",
    "cdr": "commander", "maj": "major", "rev": "reverend", "adm": "admiral",
}  # fmt: skip
# Acronyms of common nouns, not of anyone or anything named: "GDP grew" needs no source to name GDP.
COMMON_ACRONYMS = frozenset({
    "GDP", "GNP", "CPI", "CEO", "CFO", "COO", "IPO", "VAT", "AI", "EV", "EVS", "TV", "PM", "AM", "HIV",
    "DNA", "LNG", "CCTV", "MP", "MPS", "GP", "GPS", "ID", "PR", "FAQ", "SUV", "SUVS",
})  # fmt: skip
HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "prof", "sir", "dame"})
PARTICLES = frozenset(
    {"of", "the", "de", "du", "da", "del", "der", "den", "van", "von", "bin", "al", "el", "la"}
)
FORMER = frozenset({"former", "ex", "onetime", "erstwhile", "then"})
QUALIFIERS = frozenset({"deputy", "vice", "acting", "interim", "assistant", "associate"})
ALIASES = [
    {"US", "USA", "United States", "America"},
    {"UK", "United Kingdom", "Britain", "Great Britain"},
    {"EU", "European Union"},
    {"UN", "United Nations"},
]
DEMONYMS = {
    "french": "france", "dutch": "netherlands", "spanish": "spain", "british": "britain",
    "swiss": "switzerland", "greek": "greece", "turkish": "turkey", "welsh": "wales",
    "scottish": "scotland", "irish": "ireland", "danish": "denmark", "swedish": "sweden",
    "finnish": "finland", "norwegian": "norway", "polish": "poland", "thai": "thailand",
    "filipino": "philippines", "english": "england", "icelandic": "iceland",
}  # fmt: skip
# Verbs whose subject only says who tells the news ("…, the council said"), lemmas.
REPORTING_VERBS = frozenset({"say", "tell", "add", "announce", "report", "confirm", "state"})
