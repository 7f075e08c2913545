"""Recognising whole lines of scraped boilerplate, each with a reason a person can read.

Every rule looks at one line on its own and is deliberately narrow: it is better to leave a
"Share this" in the text than to drop a sentence such as "Shares of the company fell 4%".
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Nothing this long is boilerplate of the kinds below, except a cookie notice.
MAX_LINE = 300
MAX_COOKIE_LINE = 700

LINK = "link to another article"
SECTION = "section label"
NAVIGATION = "site navigation"
AD = "advertisement marker"
TAGS = "tag list"
COMMENTS = "comment prompt"
SHARE = "share prompt"
COOKIE = "cookie/consent notice"


def _words(reason: str, names: str) -> dict[str, str]:
    return {name.strip(): reason for name in names.split("|")}


# Whole lines that are nothing but one of these labels (ignoring case and trailing ":", "»"...).
_LABELS: dict[str, str] = {
    **_words(
        LINK,
        "read also|read more|read next|also read|see also|related|related articles|related stories"
        "|related coverage|related content|related news|more on this story|more stories|recommended"
        "|recommended for you|you may also like|you might also like|further reading|don't miss|must read",
    ),
    **_words(
        SECTION,
        "highlights|key points|key takeaways|takeaways|summary|in brief|at a glance|latest|latest news"
        "|latest stories|trending|trending now|most read|most popular|top stories|editor's picks"
        "|editors' picks|newsletter|contents|table of contents",
    ),
    **_words(
        NAVIGATION,
        "skip to content|skip to main content|skip to navigation|menu|main menu|home|search|log in|login"
        "|sign in|back to top|go to top|close|open menu|toggle navigation|show more|load more"
        "|next article|previous article|more|listen to this article|listen",
    ),
    **_words(
        AD,
        "advertisement|advertising|ad|ads|sponsored|sponsored content|paid content|paid post|promoted"
        "|promoted content|partner content|story continues below|story continues below advertisement"
        "|article continues below|continue reading below|scroll to continue|scroll to continue with content"
        "|continue reading|continue reading the main story",
    ),
    **_words(TAGS, "tags|topics|filed under"),
    **_words(
        COMMENTS,
        "leave a reply|leave a comment|post a comment|add a comment|add your comment|write a comment"
        "|comment|comments|show comments|view comments|join the discussion|join the conversation"
        "|be the first to comment|comments are closed|have your say",
    ),
    **_words(
        SHARE,
        "share|share this|share this article|share this story|share this post|share article|share story"
        "|tweet|tweet this|pin it|email this|copy link|copy the link|print|print this article"
        "|print this page|email",
    ),
    **_words(
        COOKIE,
        "accept|accept all|accept cookies|accept all cookies|reject all|manage cookies|manage preferences"
        "|manage consent|cookie settings|cookie policy|cookie preferences|privacy settings|i agree|i accept"
        "|agree and close|agree and continue|allow all|allow cookies|necessary cookies only",
    ),
}

PROFILE_LABELS = frozenset(
    _words(
        "",
        "employees|number of employees|company size|founded|founded date|founded in|year founded|founder"
        "|founders|location|locations|industry|industries|sector|website|headquarters|hq|head office"
        "|company type|revenue|annual revenue|stock symbol|ticker|market cap|phone|email|address"
        "|specialties|ceo|total funding|last funding type|parent company|operating status",
    )
)
# Words of a row of share buttons ("Facebook Twitter LinkedIn Email").
_SOCIAL = frozenset(
    _words(
        "",
        "facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|messenger|threads|bluesky"
        "|mastodon|instagram|youtube|tiktok|email|e|mail|print|copy|link|share|on",
    )
)
_NETWORKS = (
    r"(?:twitter|x|facebook|instagram|linkedin|tiktok|youtube|threads|bluesky|mastodon|whatsapp|telegram)"
)

_BULLET = re.compile(r"^(?:[-*•·>]+|\d{1,2}[.)])\s+")
_TRAILING = re.compile(r"[\s:;,.!?»\u203a>→|\-\u2013\u2014…]+$")
_SHARE = re.compile(
    r"^(?:share|click to share)(?: (?:this|the) (?:article|story|post|page|video))?"
    rf"(?: (?:on|via|with) {_NETWORKS}(?:(?:,| and| or|/) ?{_NETWORKS})*)?$"
)
_SUBSCRIBE = re.compile(
    r"^(?:subscribe|sign up|register|get|join)\b.*\b(?:newsletters?|inbox|alerts|digest)\b"
)
_SUBSCRIBE_SHORT = re.compile(
    r"^(?:subscribe(?: (?:now|today|here|for free))?|already a subscriber|become a (?:member|subscriber)"
    r"|support (?:our|independent) journalism)\b"
)
_FOLLOW = re.compile(rf"^follow (?:us|me|@\w+|(?:\w+ ){{0,3}}on {_NETWORKS})\b")
_READ_LINK = re.compile(
    r"^(?:read (?:also|more|next|this)|also read|see also|related(?: articles?| stories| coverage| content)?"
    r"|recommended(?: reading)?|more on this(?: story)?|further reading|don'?t miss|must read|watch)"
    r"\s*(?::|[-\u2013\u2014»\u203a>|]|\.{3}|…)\s*\S"
)
_SPONSORED_BY = re.compile(r"^(?:sponsored|presented|brought to you) by\b")
_TAG_LIST = re.compile(
    r"^(?:tags?|topics?|filed under|categories|category|keywords)\s*[:|\-\u2013\u2014]\s*(?P<items>.+)$"
)
_PROFILE = re.compile(r"^(?P<label>[a-z][a-z ]{1,30}?)\s*:\s*(?P<value>\S.*)$", re.IGNORECASE)
_ABBREVIATION_END = re.compile(r"(?:\b(?:inc|ltd|co|corp|llc|plc|st|ave|rd|ag|sa)\.|\.\w{2,})$")
_CAPTION = re.compile(
    r"^(?:file |main |top )?(?:photo|photos|photograph|image|images|picture|pic|video|illustration|graphic"
    r"|caption|credit)(?: credits?| source)?\s*(?::|©|\||[-\u2013\u2014]\s|by\b|courtesy\b)"
)
_URL_ONLY = re.compile(r"^<?(?:https?://|www\.)\S+>?$")
_COPYRIGHT = re.compile(r"^(?:©|\(c\)\s*\d{4}|copyright\s*(?:©|\(c\))?\s*\d{4})")
_CREDITS = re.compile(r"^(?:(?:additional )?reporting|writing|editing|compiled|translated) by\b")
_READ_TIME = re.compile(
    r"^(?:\d+\s*min(?:ute)?s?\.?\s*read|(?:estimated )?reading time\s*:?.*\d+\s*min(?:ute)?s?)$"
)
_COMMENT_COUNT = re.compile(r"^(?:\d+ comments?|comments? \(\d+\))$")
_COOKIE_WORD = re.compile(r"\bcookies?\b")
# A banner speaks as the site to the reader; a news sentence about cookie law does not.
_COOKIE_VOICE = re.compile(
    r"\b(?:we use|we and our partners|(?:this|our) (?:web)?site uses"
    r"|by (?:continuing|using|clicking|browsing)|(?:you|to) (?:can )?(?:accept|agree|consent)"
    r"|click accept|(?:manage|change) your (?:cookie )?(?:preferences|settings|consent))\b"
)


def _tag_list(items: str) -> bool:
    parts = [p.strip() for p in re.split(r"[,|;#·•]", items) if p.strip()]
    return bool(parts) and all(len(p.split()) <= 5 and not p.endswith(".") for p in parts)


def _profile_field(plain: str) -> str | None:
    # "Employees: 10001+" is a company-profile widget; "Location matters: the mine sits..." is prose,
    # and so is a known label followed by a whole sentence.
    match = _PROFILE.match(plain)
    if match is None or match.group("label").strip().casefold() not in PROFILE_LABELS:
        return None
    value = match.group("value").strip()
    if len(value.split()) > 10 or value.endswith(("!", "?")):
        return None
    if value.endswith(".") and not _ABBREVIATION_END.search(value.casefold()):
        return None
    return f"company-profile field ({match.group('label').strip()})"


def _social_buttons(core: str) -> bool:
    words = re.findall(r"[\w']+", core)
    return (
        len(words) >= 2 and all(w in _SOCIAL for w in words) and any(w not in ("share", "on") for w in words)
    )


def _subscribe(core: str, line: str) -> bool:
    if _SUBSCRIBE_SHORT.match(core) and len(core.split()) <= 8:
        return True
    # A prompt talks to the reader; "Sign up rates for the newsletter fell." is a sentence of news.
    addressed = re.search(r"\b(?:our|your|free)\b", core)
    return bool(_SUBSCRIBE.match(core)) and (not line.endswith(".") or addressed is not None)


def _cookie(core: str) -> bool:
    return bool(_COOKIE_WORD.search(core) and _COOKIE_VOICE.search(core))


_RULES: list[tuple[str, Callable[[str, str], bool]]] = [
    (SHARE, lambda core, line: bool(_SHARE.match(core))),
    ("share buttons", lambda core, line: _social_buttons(core)),
    ("newsletter/subscription prompt", _subscribe),
    ("social media prompt", lambda core, line: bool(_FOLLOW.match(core))),
    (COMMENTS, lambda core, line: bool(_COMMENT_COUNT.match(_TRAILING.sub("", core)))),
    (LINK, lambda core, line: bool(_READ_LINK.match(core))),
    (AD, lambda core, line: bool(_SPONSORED_BY.match(core)) and len(core.split()) <= 10),
    (TAGS, lambda core, line: bool((m := _TAG_LIST.match(core)) and _tag_list(m.group("items")))),
    ("photo caption or credit", lambda core, line: bool(_CAPTION.match(core))),
    ("bare link", lambda core, line: bool(_URL_ONLY.match(line))),
    ("copyright notice", lambda core, line: bool(_COPYRIGHT.match(core)) or "all rights reserved" in core),
    ("reporting/editing credits", lambda core, line: bool(_CREDITS.match(core)) and len(core.split()) <= 20),
    ("reading-time note", lambda core, line: bool(_READ_TIME.match(core))),
]


def boilerplate_reason(line: str) -> str | None:
    """Why this whole line is boilerplate, or None if it should be kept."""
    line = line.strip()
    if not line or len(line) > MAX_COOKIE_LINE:
        return None
    plain = " ".join(_BULLET.sub("", line).split())
    core = plain.casefold()
    if _cookie(core):
        return COOKIE
    if len(line) > MAX_LINE:
        return None
    label = _TRAILING.sub("", core)
    if label in _LABELS:
        return _LABELS[label]
    if reason := _profile_field(plain):
        return reason
    for reason, rule in _RULES:
        if rule(core, line):
            return reason
    return None
