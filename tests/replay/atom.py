"""ECLI-index Atom pages in the exact shape of the real API.

Copied from the real responses in ../shared/corpus/opendata/feeds/strafrecht_2021_*.atom:
one line, no trailing newline, the Atom namespace as default namespace, feed title, subtitle
"Aantal gevonden ECLI's: N", a uuid id with a page counter, rights, the server time with its
Dutch offset, then per entry id / title / summary / updated (UTC, "Z") / link, the link
written as `<link ... />` with a space before the slash. Summaries longer than 400
characters are cut to 397 plus "..." and an empty one is "-", as in those feeds.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

from tests.replay.corpus import AMSTERDAM, ServedDocument

SUMMARY_MAX = 400
LINK_BASE = "https://uitspraken.rechtspraak.nl/InzienDocument?id="


def summary_text(summary: str) -> str:
    text = summary.strip()
    if not text:
        return "-"
    if len(text) > SUMMARY_MAX:
        return text[: SUMMARY_MAX - 3] + "..."
    return text


def updated_text(stamp: dt.datetime) -> str:
    return stamp.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def entry_xml(doc: ServedDocument, updated: dt.datetime, deleted: str | None = None) -> str:
    opening = "<entry>" if not deleted else f"<entry deleted={quoteattr(deleted)}>"
    return (
        f"{opening}<id>{escape(doc.ecli)}</id>"
        f'<title type="text">{escape(doc.title())}</title>'
        f'<summary type="text">{escape(summary_text(doc.summary))}</summary>'
        f"<updated>{updated_text(updated)}</updated>"
        f'<link rel="alternate" type="text/html" href={quoteattr(LINK_BASE + doc.ecli)} />'
        "</entry>"
    )


def feed_xml(
    entries: list[str],
    total: int,
    feed_uuid: str,
    page_number: int,
    now: dt.datetime | None = None,
    subtitle: str | None = "Aantal gevonden ECLI's: {n}",
) -> bytes:
    now = (now or dt.datetime.now(dt.UTC)).astimezone(AMSTERDAM).replace(microsecond=0)
    count = None if subtitle is None else subtitle.format(
        n=total, n_nl=f"{total:,}".replace(",", "."))
    head = (
        '<?xml version="1.0" encoding="utf-8"?>'
        '<feed xmlns="http://www.w3.org/2005/Atom">'
        '<title type="text">Rechtspraak Open Data (Uitspraken)</title>'
        + (f'<subtitle type="text">{escape(count)}</subtitle>' if count is not None else "")
        + f"<id>uuid:{feed_uuid};id={page_number}</id>"
        + f'<rights type="text">Copyright {now.year} Rechtspraak.</rights>'
        f"<updated>{now.isoformat()}</updated>"
    )
    return (head + "".join(entries) + "</feed>").encode("utf-8")
