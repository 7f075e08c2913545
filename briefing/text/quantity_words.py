"""The words and units quantities are read by (`briefing.text.quantities`) and compared by
(`briefing.text.quantity_compare`): hedges and bounds, the modifiers and nouns a number may count, the
measures and their sizes, what happened to what is counted, and the cue words that label a topic."""

from __future__ import annotations

from decimal import Decimal

from briefing.text.calendar_words import MONTHS, WEEKDAYS
from briefing.text.lexicon import STOPWORDS
from briefing.text.numbers import NUMBER_WORDS
from briefing.text.words import content_words

HEDGES = ("about", "around", "roughly", "approximately", "nearly", "almost", "some", "up to", "close to")
# Bounds are written into the value ("at least 12 people") but widen no comparison.
BOUNDS = ("at least", "more than", "over", "fewer than", "less than", "as many as", "at most")
HEDGE_STEMS = frozenset(content_words(" ".join(HEDGES + BOUNDS)).values())
APPROXIMATE = frozenset({"about", "around", "roughly", "approximately", "nearly", "almost", "some"})
# Words that may stand between a number and the noun it counts: "85 permanent jobs".
MODIFIERS = frozenset({
    "permanent", "new", "additional", "extra", "more", "full-time", "part-time", "temporary", "local",
    "direct", "skilled", "further", "fresh", "other", "damaged", "destroyed", "private", "commercial",
    "residential", "armed", "young", "elderly", "foreign", "civilian", "separate", "small", "large",
})  # fmt: skip
PEOPLE = frozenset({
    "people", "person", "staff", "job", "worker", "employee", "position", "post", "role", "personnel",
    "case",
})  # fmt: skip
VEHICLES = frozenset({
    "vehicle", "car", "truck", "lorry", "van", "bus", "coach", "motorcycle", "motorbike", "minibus",
    "trailer", "tanker",
})  # fmt: skip
TIME = frozenset({"second", "minute", "hour", "day", "week", "month", "year", "decade", "summer", "winter"})
_NOT_UNITS = frozenset({"of", "to", "in", "and", "or", "a", "an", "the", "for", "on", "at", "by", "from"})
NOT_NOUNS = _NOT_UNITS | STOPWORDS | MONTHS | WEEKDAYS | NUMBER_WORDS
WEAK = frozenset({"day", "week", "month", "year", "quarter", "first", "last", "next", "total", "time"})
UP = frozenset(content_words("rise rose rises increase grow grew climb jump gain higher raise up").values())
DOWN = frozenset(content_words("fall fell drop decline cut lower reduce shrink slump down").values())
_CUES = {
    "capacity": "produce treat turn capacity process pump generate hold store",
    "cost": "cost costs price spend budget invest investment worth",
    "jobs": "employ employs job staff hire workforce",
    "tariff": "tariff tariffs duty duties levy",
    "length": "long length span stretch stretches measure measured measures extend extends",
}
CUE_STEMS = {label: frozenset(content_words(words).values()) for label, words in _CUES.items()}
CUE_STEMS["cost"] |= {"<cost>"}  # a sum's cost words, said one way (`quantity_context.money_context`)

# Measures by kind: each name (singular) with how many of the kind's base unit one is. Metric lengths,
# masses and powers share a base so "3 km" and "3,000 metres" compare; miles and feet stay apart.
_MEASURE_NAMES: dict[str, dict[str, int | str]] = {
    "metre": {"millimetre": "0.001", "centimetre": "0.01", "metre": 1, "kilometre": 1000},
    "gram": {"gram": 1, "kilogram": 1000, "tonne": 10**6},
    "watt": {"watt": 1, "kilowatt": 10**3, "megawatt": 10**6, "gigawatt": 10**9},
    "mile": {"mile": 1}, "foot": {"foot": 1, "feet": 1}, "hectare": {"hectare": 1}, "acre": {"acre": 1},
    "litre": {"litre": 1},
}  # fmt: skip
_MEASURE_SHORT = {
    "mm": "millimetre", "cm": "centimetre", "m": "metre", "km": "kilometre", "kg": "kilogram",
    "kw": "kilowatt", "mw": "megawatt", "gw": "gigawatt", "ft": "foot", "ha": "hectare",
}  # fmt: skip


def _spellings(name: str) -> set[str]:
    """A measure's name as written: singular and plural, British and American ("metres", "meter")."""
    forms = {name} if name in ("foot", "feet") else {name, name + "s"}
    return forms | {f.replace("metre", "meter").replace("litre", "liter") for f in forms}


def _measure_table() -> dict[str, tuple[str, Decimal]]:
    """Every written form of a measure, lowercase -> (kind, how many of the kind's base one is)."""
    table = {
        written: (kind, Decimal(size))
        for kind, names in _MEASURE_NAMES.items()
        for name, size in names.items()
        for written in _spellings(name)
    }
    return table | {short: table[name] for short, name in _MEASURE_SHORT.items()}


MEASURES = _measure_table()
MEASURE_KINDS = frozenset(kind for kind, _ in MEASURES.values())

# What happened to what is counted, or which dimension is measured: a clause word -> (aspect, label).
_ASPECT_WORDS = {
    ("event", "dead"): "dead died die dies dying death deaths killed kill kills killing fatal fatality "
    "fatalities perished drowned toll",
    ("event", "injured"): "injured injure injures injuring injury injuries wounded wounding hurt",
    ("event", "hospitalised"): "hospitalised hospitalized hospital hospitals hospitalisation",
    ("event", "missing"): "missing unaccounted",
    ("event", "rescued"): "rescued rescue rescues",
    ("event", "evacuated"): "evacuated evacuate evacuation evacuations",
    ("event", "arrested"): "arrested arrest arrests detained",
    ("event", "displaced"): "displaced homeless",
    # An outbreak counts the ill as "cases" or as people "confirmed with the illness".
    ("event", "ill"): "ill illness illnesses sick sickened infected infection infections case cases",
    ("event", "built"): "built build builds construct constructed construction",
    ("event", "opened"): "opened open opens opening inaugurated reopened",
    ("event", "closed"): "closed close closes closure shut",
    ("dimension", "length"): "long length lengths",
    ("dimension", "height"): "high height tall",
    ("dimension", "width"): "wide width",
    ("dimension", "depth"): "deep depth",
}
ASPECTS = {word: aspect for aspect, words in _ASPECT_WORDS.items() for word in words.split()}
# Nouns a number may count that say what happened to people: "12 dead", "30 injured".
CASUALTIES = frozenset({
    "dead", "died", "perished", "drowned", "killed", "deaths", "death", "fatalities", "fatality",
    "injured", "wounded", "hurt", "injuries", "injury", "missing", "hospitalised", "hospitalized",
    "evacuated", "rescued", "arrested", "displaced",
})  # fmt: skip
TOPICS = {
    "dead": "death toll", "injured": "number injured", "hospitalised": "number in hospital",
    "missing": "number missing", "evacuated": "number evacuated", "rescued": "number rescued",
    "arrested": "number arrested", "displaced": "number displaced",
    "ill": "number of cases",
}  # fmt: skip
