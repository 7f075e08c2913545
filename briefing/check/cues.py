"""Word lists the structure checks read meaning from: English news usage, lowercase lemmas."""

from __future__ import annotations

# Opposite ends of one scale: a sentence that puts a fact at the other end than its source does
# ("rose" for "fell", "against" for "for") says the opposite. Each axis lists (up, down) lemmas.
# fmt: off
DIRECTION_AXES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "amount": (
        frozenset({
            "rise", "increase", "grow", "climb", "jump", "surge", "soar", "rally", "expand", "raise",
            "boost", "double", "triple", "rebound", "swell", "gain", "hike", "higher", "up", "above",
            "larger", "bigger", "largest", "biggest", "highest", "growth",
            "strengthen", "accelerate", "widen", "advance", "create",
        }),
        frozenset({
            "fall", "decrease", "shrink", "drop", "decline", "slump", "plunge", "cut", "lower", "reduce",
            "slide", "tumble", "dip", "sink", "halve", "down", "below", "smaller", "smallest", "lowest",
            "weaken", "slow", "shed", "contraction", "contract", "narrow", "slip", "retreat", "trim", "slash",
        }),
    ),
    # A level, not a movement: "profit fell" is no contradiction of "a profit", "a loss" is.
    "balance": (frozenset({"profit", "surplus"}), frozenset({"loss", "deficit"})),
    "contest": (frozenset({"win", "beat", "victory", "winner"}), frozenset({"lose", "trail", "loser"})),
    "approval": (
        frozenset({
            "approve", "pass", "back", "support", "endorse", "accept", "adopt", "ratify", "uphold", "allow",
            "permit", "grant", "favour", "favor", "for", "approval", "agree", "upheld",
        }),
        frozenset({
            "reject", "block", "oppose", "veto", "refuse", "overturn", "ban", "against", "dismiss",
            "rejection", "prohibit", "forbid", "defeat", "fail",
        }),
    ),
    "openness": (
        frozenset({"open", "reopen", "resume", "restart", "restore"}),
        frozenset({"close", "shut", "halt", "suspend", "cease", "closure"}),
    ),
    "beginning": (frozenset({"start", "begin", "launch"}), frozenset({"end", "stop", "cancel", "scrap"})),
    "restriction": (
        frozenset({"tighten", "toughen", "restrict", "harden", "impose"}),
        frozenset({"ease", "loosen", "relax", "soften", "lift"}),
    ),
    "verdict": (
        frozenset({"convict", "guilty", "conviction", "liable"}),
        frozenset({"acquit", "innocent", "acquittal"}),
    ),
    "majority": (frozenset({"majority"}), frozenset({"minority"})),
    "likelihood": (frozenset({"likely"}), frozenset({"unlikely"})),
    "employment": (frozenset({"hire", "recruit"}), frozenset({"fire", "layoff", "sack"})),
}
# Verbs whose object is the side that lost: "beat top seed Relic", "ousted the mayor".
BEATING = frozenset({
    "beat", "defeat", "edge", "oust", "unseat", "topple", "outpoll", "outvote", "overcome", "outplay",
})  # fmt: skip

# fmt: on
# "for" and "against", "yes" and "no" only say which side when they hang on a vote or a decision.
SIDE_PREPOSITIONS = frozenset({"for", "against"})
DECISION_WORDS = frozenset({
    "vote", "ballot", "decide", "rule", "campaign", "argue", "speak", "come", "be", "side", "poll", "cast",
    "stand", "testify", "referendum", "motion", "decision",
})  # fmt: skip

# Verbs that introduce what someone said; the subject is the speaker.
REPORTING = frozenset({
    "say", "tell", "add", "state", "warn", "announce", "claim", "insist", "argue", "write", "note",
    "explain", "accuse", "allege", "deny", "describe", "call", "confirm", "report", "predict", "suggest",
    "believe", "contend", "maintain", "assert", "acknowledge", "admit", "complain", "urge", "stress",
    "caution", "estimate", "reckon", "think", "declare", "tweet", "post", "testify", "concede",
    "promise", "vow", "pledge", "respond", "reply", "recall", "accord",
})  # fmt: skip
# Verbs that give a quotation as a description of something: "dismissed it as 'a plan for nobody'".
QUOTING = frozenset({"dismiss", "brand", "label", "dub", "term", "hail", "condemn", "slam", "praise"})
# Reported verbs whose content is the speaker's view, not an established fact.
OPINION_REPORTING = frozenset({
    "claim", "insist", "argue", "accuse", "allege", "believe", "contend", "maintain", "assert", "think",
    "reckon", "suggest", "complain", "deny", "describe", "call", "predict", "warn", "estimate",
})  # fmt: skip

# Verbs that are themselves acts of saying: "Kessel urged over-75s to get a booster" tells whose
# words these are, and "I would urge" in a quotation is an appeal made now, not one to come.
SPEECH_ACTS = frozenset({
    "urge", "appeal", "ask", "call", "demand", "promise", "pledge", "vow", "advise", "encourage",
    "recommend", "plead", "implore",
})  # fmt: skip

HEDGE_MODALS = frozenset({"could", "may", "might", "can"})
# Governors that make what follows a plan, hope or possibility rather than a fact.
HEDGE_GOVERNORS = frozenset({
    "plan", "expect", "aim", "propose", "consider", "hope", "seek", "intend", "want", "likely",
    "possible", "possibly", "threaten", "try", "attempt", "mull", "weigh", "explore", "eye", "hop",
    "unlikely", "probably", "perhaps", "potentially", "reportedly", "allegedly", "would", "might",
    "may", "could", "wish", "poise", "prepare", "push", "ask", "urge", "demand", "recommend",
    "suggest", "forecast", "predict", "project", "estimate", "tentatively", "press", "lobby", "pressure",
    "encourage", "advise", "plead", "implore", "beg",
})  # fmt: skip
CONDITION_MARKERS = frozenset({"if", "unless", "provided", "assuming"})

NEGATING_GOVERNORS = frozenset({"fail", "refuse", "decline", "deny", "avoid", "neglect", "stop"})
NEGATIVE_DETERMINERS = frozenset({"no", "neither", "nor"})
NEGATIVE_PRONOUNS = frozenset({"nobody", "nothing", "none", "no one", "noone"})

TIME_WORDS = frozenset({
    "yesterday", "today", "tomorrow", "tonight", "ago", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "january", "february", "march", "april", "june", "july", "august",
    "september", "october", "november", "december",
})  # fmt: skip
# "last week" and "next year" say when; "last" and "next" before other nouns do not.
RELATIVE_TIME = frozenset({"last", "next", "this", "past", "coming", "previous", "following"})
TIME_NOUNS = frozenset({
    "week", "month", "year", "decade", "century", "season", "quarter", "weekend", "day", "night",
    "morning", "summer", "winter", "spring", "autumn", "monday", "tuesday", "wednesday", "thursday",
    "friday", "saturday", "sunday", "term", "session", "election",
})  # fmt: skip

ORDINALS = frozenset({
    "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth",
    "eleventh", "twelfth", "1st", "2nd", "3rd", "4th", "5th", "6th", "7th", "8th", "9th", "10th",
    "penultimate",
})  # fmt: skip

# Words that change who or what a name or noun is: "former", "acting", "alleged". Each group holds
# words that say the same thing.
QUALIFIER_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"former", "ex", "erstwhile", "previous", "onetime", "then"}),
    frozenset({"acting", "interim", "caretaker", "temporary"}),
    frozenset({"deputy", "vice", "assistant", "associate", "junior"}),
    frozenset({"alleged", "allegedly", "suspected", "accused", "reported", "reportedly", "apparent",
               "purported", "presumed", "possible", "probable", "potential", "attempted"}),
    frozenset({"late"}),
    frozenset({"retired", "outgoing"}),
    frozenset({"incoming", "designate", "elect", "presumptive", "future"}),
    frozenset({"proposed", "planned", "draft", "would-be", "prospective"}),
)  # fmt: skip
QUALIFIERS = frozenset(w for group in QUALIFIER_GROUPS for w in group)
# Qualifiers that also read as plain adjectives in other places; only checked when the source puts
# them before a title or name.
LOOSE_QUALIFIERS = frozenset({
    "previous", "then", "possible", "potential", "future", "late", "junior", "planned", "temporary",
    "associate", "draft", "reported", "apparent", "probable",
})  # fmt: skip

CAUSAL_CUES = frozenset({
    "because", "cause", "lead", "result", "prompt", "trigger", "spark", "blame", "thanks", "owing",
    "due", "consequence", "therefore", "hence", "fuel", "force", "drive", "attribute", "stem",
})  # fmt: skip
# Looser links a source may make that a brief can fairly read as a reason.
SOURCE_CAUSAL_CUES = CAUSAL_CUES | frozenset({
    "after", "following", "amid", "since", "response", "reason", "so", "why", "as", "over", "from",
    "affect", "hit", "damage", "when", "effect", "impact", "behind", "cost", "cite",
})  # fmt: skip

# Units a figure can be in; words in one group are the same unit.
UNIT_GROUPS: tuple[frozenset[str], ...] = (
    frozenset({"km", "kilometre", "kilometer", "kilometres", "kilometers"}),
    frozenset({"mile", "miles", "mi"}),
    frozenset({"metre", "meter", "metres", "meters"}),
    frozenset({"foot", "feet", "ft"}),
    frozenset({"cm", "centimetre", "centimeter", "centimetres", "centimeters"}),
    frozenset({"mm", "millimetre", "millimeter", "millimetres", "millimeters"}),
    frozenset({"mph"}),
    frozenset({"kph", "kmh", "km/h"}),
    frozenset({"inch", "inches"}),
    frozenset({"tonne", "ton", "tonnes", "tons"}),
    frozenset({"kg", "kilogram", "kilo", "kilos", "kilograms"}),
    frozenset({"pound", "lb", "lbs"}),
    frozenset({"litre", "liter"}),
    frozenset({"gallon"}),
    frozenset({"barrel"}),
    frozenset({"hectare", "ha"}),
    frozenset({"acre"}),
    frozenset({"second", "sec"}),
    frozenset({"minute", "min"}),
    frozenset({"hour", "hr"}),
    frozenset({"day"}),
    frozenset({"week"}),
    frozenset({"month"}),
    frozenset({"year"}),
    frozenset({"%", "percent", "per cent", "pct"}),
    frozenset({"point", "percentage"}),
    frozenset({"degree", "celsius", "fahrenheit"}),
    frozenset({"mw", "megawatt"}),
    frozenset({"gw", "gigawatt"}),
    frozenset({"kw", "kilowatt"}),
    frozenset({"mph"}),
    frozenset({"kph", "km/h"}),
)  # fmt: skip
UNIT_OF = {word: i for i, group in enumerate(UNIT_GROUPS) for word in group}

# Nouns that say where: a figure's place ("nine died in the city") is part of what it counts.
PLACE_NOUNS = frozenset({
    "city", "town", "village", "state", "county", "country", "region", "district", "province", "area",
    "capital", "suburb", "neighbourhood", "neighborhood", "borough", "island", "coast", "north", "south",
    "east", "west", "centre", "center", "port", "valley", "nation", "world", "continent", "abroad",
    "home", "school", "hospital", "prison", "camp", "zone", "border", "site", "street", "road",
})  # fmt: skip

# Verbs whose particle says the side: "voted down", "turned down", "threw out" reject; "voted
# through", "waved through" approve; "revised down", "scaled back" cut. The verb alone is on no axis.
PHRASAL_SIDES = {
    ("vote", "down"): ("approval", 1), ("turn", "down"): ("approval", 1), ("throw", "out"): ("approval", 1),
    ("shoot", "down"): ("approval", 1), ("strike", "down"): ("approval", 1),
    ("knock", "back"): ("approval", 1), ("vote", "through"): ("approval", 0),
    ("wave", "through"): ("approval", 0), ("revise", "down"): ("amount", 1), ("revise", "up"): ("amount", 0),
    ("scale", "back"): ("amount", 1), ("mark", "down"): ("amount", 1),
}  # fmt: skip

# Acts done "over" something, which is their reason: "jailed for four years over 310,000 euros in
# bribes", "a row over 300 jobs", not "more than 310,000".
OVER_WHAT = frozenset({
    "jail", "sentence", "fine", "charge", "arrest", "sack", "fire", "sue", "suspend", "ban", "row",
    "dispute", "protest", "strike", "clash", "resign", "investigate", "probe", "convict", "prosecute",
})  # fmt: skip
