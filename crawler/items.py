"""What the spider hands to the pipelines: a fetched document, or a withdrawal from the feed.

Plain dataclasses (Scrapy handles them through itemadapter). Their repr is kept short on
purpose: Scrapy logs items, and a raw judgment is easily a megabyte.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from vonnis.models import Classification, Document


@dataclass(repr=False)
class DocumentItem:
    ecli: str  # from the feed entry; the parsed document's own ECLI may differ (see pipelines)
    url: str
    raw: bytes
    feed_updated: dt.datetime | None = None
    document: Document | None = None
    classification: Classification | None = None
    classified: bool = False  # the classifier ran (its result may still be None: it failed)
    # Set by a pipeline that dealt with the item for good (quarantine): later stages skip it.
    done: str | None = None
    notes: list[str] = field(default_factory=list)

    def __repr__(self) -> str:
        return f"DocumentItem({self.ecli}, {len(self.raw)} bytes, done={self.done})"


@dataclass
class WithdrawnItem:
    """A feed entry with deleted="doc" (document withdrawn) or deleted="ecli" (ECLI void)."""

    ecli: str
    deleted: str
    feed_updated: dt.datetime | None = None
