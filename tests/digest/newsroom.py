"""A small invented newsroom for the digest tests: feeds and article pages served from a local server.

Three stories: a bridge closure covered by two independent outlets that disagree on a figure, plus
a wire reprint of one of them under a new headline; a library budget (one outlet); a storm warning
(one outlet, in an Atom feed). And everything that goes wrong in real life: a broken feed, a 404
link, a page too slow to answer, a link that is a PDF, and an item with no link at all.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from html import escape

from http_server import LocalHTTPServer, Route, page, slow

NOW = datetime(2026, 11, 23, 6, 0, tzinfo=UTC)


@dataclass(frozen=True)
class Story:
    path: str
    outlet: str
    title: str
    paragraphs: tuple[str, ...]
    hours_ago: float


BRIDGE_GAZETTE = Story(
    "/gazette/bridge.html",
    "Northport Gazette",
    "Harbour bridge to close for repairs",
    (
        "The Northport harbour bridge will close to traffic for 10 weeks from March 3, the city's "
        "transport department said on Sunday, after inspectors found corrosion in two steel supports.",
        "About 41,000 vehicles cross the bridge each day. Buses will be diverted over the Eastgate "
        "crossing, which officials warned would add up to 25 minutes to journeys at peak hours.",
        '"We cannot keep the bridge open safely until the supports are replaced," said Mara Ellison, '
        "the department's chief engineer. The repairs are expected to cost 18 million dollars.",
        "Ferry operator Bluewater Lines said it would add four extra crossings a day during the closure.",
    ),
    3,
)
BRIDGE_COURIER = Story(
    "/courier/bridge-closure.html",
    "Eastgate Courier",
    "Drivers face months of detours as harbour bridge shuts",
    (
        "Commuters in Northport face detours after the city said the harbour bridge would close for "
        "12 weeks from March 3 so that corroded steel supports can be replaced.",
        "The transport department said about 41,000 vehicles use the bridge every day and that buses "
        "would be sent over the Eastgate crossing during the closure of the harbour bridge.",
        "Mara Ellison, the department's chief engineer, said the corrosion was found during a routine "
        "inspection of the harbour bridge supports in January.",
        "Shop owners near the bridge said they feared losing trade while the bridge is closed to traffic.",
    ),
    2,
)
# The wire reprint: the Gazette's text under another headline and outlet, published later.
BRIDGE_REPRINT = Story(
    "/wire/bridge-reprint.html",
    "Coastal Wire",
    "Northport bridge shut for corrosion repairs",
    BRIDGE_GAZETTE.paragraphs,
    1,
)
LIBRARY = Story(
    "/gazette/library.html",
    "Northport Gazette",
    "Council approves library budget",
    (
        "Northport city council voted 9 to 2 on Monday to approve a 4.2 million dollar budget for the "
        "central library, ending a year of debate over the building's future.",
        "The plan keeps the library open on Sundays and pays for a new children's reading room, "
        "council member Priya Raman said after the vote.",
        "Two members voted against the budget, saying the city should first repair the library roof.",
    ),
    5,
)
STORM = Story(
    "/weather/storm.html",
    "Valley Weather Desk",
    "Storm warning issued for the coast",
    (
        "The national weather service issued a storm warning for the Northport coast on Sunday, with "
        "gusts of up to 110 kilometres an hour expected overnight.",
        "Harbour master Tomas Greer said all small boats should stay in port until Tuesday morning, "
        "and the ferry timetable would be reviewed at dawn.",
        "Residents were told to secure loose objects in gardens and on balconies before nightfall.",
    ),
    4,
)
STORIES = (BRIDGE_GAZETTE, BRIDGE_COURIER, BRIDGE_REPRINT, LIBRARY, STORM)

BOILERPLATE = """<nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/sport">Sport</a> |
<a href="/subscribe">Subscribe</a></nav>"""
RELATED = """<aside><h3>Read also</h3><ul><li><a href="/x">Ten things to do this weekend</a></li>
<li><a href="/y">Our newsletter: sign up now</a></li></ul></aside>"""


def when(story: Story, now: datetime = NOW) -> datetime:
    return now - timedelta(hours=story.hours_ago)


def article_html(story: Story, now: datetime = NOW) -> str:
    body = "\n".join(f"<p>{escape(p)}</p>" for p in story.paragraphs)
    head = f'<meta charset="utf-8"><title>{escape(story.title)} | {escape(story.outlet)}</title>'
    return f"""<!DOCTYPE html><html><head>{head}
<meta property="og:site_name" content="{escape(story.outlet)}"></head><body>{BOILERPLATE}
<article><h1>{escape(story.title)}</h1><p class="byline">By Staff Reporter</p>
<time datetime="{when(story, now).isoformat()}">{when(story, now):%d %B %Y}</time>
{body}</article>{RELATED}<footer>© {escape(story.outlet)}. All rights reserved.</footer></body></html>"""


def rss(server: LocalHTTPServer, title: str, items: list[tuple[str, str, str | None, datetime]]) -> str:
    """RSS 2.0; each item is (title, summary, link or None, published)."""
    entries = []
    for item_title, summary, link, published in items:
        link_tag = f"<link>{escape(link)}</link>" if link else ""
        entries.append(
            f"<item><title>{escape(item_title)}</title>{link_tag}<description>{escape(summary)}</description>"
            f"<pubDate>{format_datetime(published)}</pubDate></item>"
        )
    return (
        f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{escape(title)}</title>'
        f"<link>{server.url('/')}</link><description>{escape(title)}</description>{''.join(entries)}"
        "</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str, str, datetime]]) -> str:
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(link)}"/><id>{escape(link)}</id>'
        f"<updated>{published.isoformat()}</updated><summary>{escape(summary)}</summary></entry>"
        for t, summary, link, published in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:x</id><updated>{NOW.isoformat()}</updated>{entries}</feed>"
    )


def serve_newsroom(server: LocalHTTPServer, now: datetime = NOW, slow_seconds: float = 5.0) -> None:
    """Put every feed and page of the newsroom on `server`."""
    for story in STORIES:
        server.add_route(story.path, page(article_html(story, now)))
    server.add_route("/gazette/missing.html", Route(status=404, body=b"gone"))
    server.add_route("/gazette/slow.html", slow(slow_seconds, b"<html></html>"))
    server.add_route("/gazette/report.pdf", page(b"%PDF-1.4 not html", content_type="application/pdf"))
    gazette = [
        _item(server, BRIDGE_GAZETTE, now),
        _item(server, LIBRARY, now),
        ("Budget papers", "The council's budget papers were published as a PDF on Monday.",
         server.url("/gazette/report.pdf"), now - timedelta(hours=5)),
        # A sentence that names what moved: "This one has moved." names nothing, and is refused.
        ("Old story", "The choir concert listings have moved to a new address.",
         server.url("/gazette/missing.html"), now - timedelta(hours=2)),
        ("A slow page", "A page that never answers in time.", server.url("/gazette/slow.html"),
         now - timedelta(hours=2)),
        ("Market notes", "Fish prices at the Northport market rose by a tenth this week, traders said.",
         None, now - timedelta(hours=6)),
    ]  # fmt: skip
    server.add_route(
        "/gazette/rss.xml", page(rss(server, "Northport Gazette", gazette), "application/rss+xml")
    )
    courier = [_item(server, BRIDGE_COURIER, now), _item(server, BRIDGE_REPRINT, now)]
    server.add_route(
        "/courier/rss.xml", page(rss(server, "Eastgate Courier", courier), "application/rss+xml")
    )
    weather = [(STORM.title, STORM.paragraphs[0], server.url(STORM.path), when(STORM, now))]
    server.add_route("/weather/atom.xml", page(atom("Valley Weather Desk", weather), "application/atom+xml"))
    server.add_route("/broken/rss.xml", page("<rss><channel><item><title>unclosed", "application/rss+xml"))


def _item(server: LocalHTTPServer, story: Story, now: datetime) -> tuple[str, str, str | None, datetime]:
    return story.title, story.paragraphs[0], server.url(story.path), when(story, now)


def config_toml(
    server: LocalHTTPServer, tmp: str, smtp_port: int, *, extra_sources: str = "", fetch_timeout: float = 1.0
) -> str:
    """A digest config reading the newsroom, with state under `tmp` and mail to a local SMTP server."""
    return f"""
[digest]
title = "Northport morning briefing"
timezone = "UTC"
state = "{tmp}/state.sqlite"
output_dir = "{tmp}/out"
max_stories = 10
lock_timeout_s = 60

[fetch]
timeout = {fetch_timeout}
allow_hosts = ["{server.host_port}"]

[[sources]]
name = "Northport Gazette"
feed = "{server.url("/gazette/rss.xml")}"

[[sources]]
name = "Eastgate Courier"
feed = "{server.url("/courier/rss.xml")}"
concurrency = 1

[[sources]]
name = "Valley Weather Desk"
feed = "{server.url("/weather/atom.xml")}"

[[sources]]
name = "Broken feed"
feed = "{server.url("/broken/rss.xml")}"
{extra_sources}
[email]
from = "Briefing <briefing@example.org>"
to = ["editor@example.org", "desk@example.org"]

[smtp]
host = "127.0.0.1"
port = {smtp_port}
security = "none"
retries = 1
retry_wait = 0.05

[briefing]
backend = "fake"
"""
