"""A replay of the rechtspraak.nl Open Data API over a folder of real documents, with faults.

    with ReplayServer() as api:                       # serves samples/ and ../shared/corpus
        api.add_fault(Fault("429", match="/uitspraken/zoeken", times=2, retry_after=1))
        run the crawler with --api-url api.url
        api.requests("/uitspraken/zoeken")            # the request log: time, target, status

Paths and parameters follow the real API (see docs in ../shared/DOMAIN.md):
- `/uitspraken/zoeken`: type, subject, creator (repeatable, OR-ed), replaces (old LJN
  number -> the ECLI replacing it), date (once: that day, twice: a range, inclusive),
  modified (once: since, twice: a range; naive = UTC), return=DOC (only ECLIs with a
  document; withdrawn entries are always listed), sort=ASC|DESC on `updated`, max (default
  and ceiling 1000), from (0-based offset). A subject also matches its sub-areas
  (`#strafrecht` matches `#strafrecht_materieelStrafrecht`).
- `/uitspraken/content?id=ECLI`: the stored bytes exactly; unknown or withdrawn ECLI -> 404.

Faults (constructor, `add_fault`, `--fault` on the command line, or POST /_replay/fault):
404/429/500/502/503/504 (optionally with Retry-After), `slow` (delay, then the normal answer),
`truncate` (the body cut in half, correct Content-Length), `malformed` (the root end tag
broken), `empty` (200 with no body), `html` (200 with an HTML maintenance page), `drop`
(connection closed without an answer). Each applies to the first `times` requests whose
path+query contains `match` (times=None: all).
`withdraw()` lists an ECLI with deleted="doc" or deleted="ecli"; `new_version()` serves other
bytes with a newer `updated` for the same ECLI.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import gzip
import json
import logging
import socket
import threading
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from tests.replay.atom import entry_xml, feed_xml
from tests.replay.corpus import (
    ServedDocument,
    load_documents,
    replicate,
    with_modified,
)

logger = logging.getLogger(__name__)

MAX_PAGE = 1000
STATUS_KINDS = {"404": 404, "429": 429, "500": 500, "502": 502, "503": 503, "504": 504}
BODY_KINDS = {"truncate", "malformed", "empty", "html"}
# What a web server or proxy in front of an API answers during maintenance, with status 200.
MAINTENANCE_PAGE = (b"<!DOCTYPE html>\n<html lang=\"nl\"><head><title>Onderhoud</title></head>"
                    b"<body><h1>Rechtspraak.nl is tijdelijk niet beschikbaar</h1>"
                    b"<p>Probeer het later opnieuw.</p></body></html>\n")
KINDS = set(STATUS_KINDS) | BODY_KINDS | {"slow", "drop"}


@dataclass
class Fault:
    kind: str
    match: str = ""  # substring of the request's path + query ("" = all; "...$": at the end)
    times: int | None = 1  # the first `times` matching requests; None = all of them
    retry_after: float | str | None = None  # Retry-After header value (429/5xx)
    delay: float = 0.0  # seconds before answering ("slow")
    hits: int = 0

    def __post_init__(self) -> None:
        self.kind = str(self.kind)
        if self.kind not in KINDS:
            raise ValueError(f"unknown fault {self.kind!r} (one of {', '.join(sorted(KINDS))})")

    def live_for(self, target: str) -> bool:
        anchored = self.match.endswith("$")
        hit = target.endswith(self.match[:-1]) if anchored else self.match in target
        return hit and (self.times is None or self.hits < self.times)

    @classmethod
    def parse(cls, spec: str) -> Fault:
        """`kind[,match=...][,times=N|all][,retry_after=S][,delay=S]` (command line)."""
        kind, *options = spec.split(",")
        values: dict[str, Any] = {}
        for option in options:
            key, _, value = option.partition("=")
            key = key.strip().replace("-", "_")
            if key == "times":
                values[key] = None if value in ("all", "*", "") else int(value)
            elif key in ("delay",):
                values[key] = float(value)
            elif key in ("match", "retry_after"):
                values[key] = value
            else:
                raise ValueError(f"unknown fault option {key!r} in {spec!r}")
        return cls(kind.strip(), **values)


PENDING = -1


@dataclass
class LogEntry:
    """One request, logged when it arrives (so the log is in arrival order even when a slow
    answer is still being prepared); `status` is filled in when it is answered."""

    time: float  # time.time() when the request arrived
    method: str
    path: str
    target: str  # path and query, percent-decoded (for reading and `match`)
    query: str  # the query string as sent (for parse_qs: a decoded '#' would cut it)
    user_agent: str
    fault: str | None
    status: int = PENDING  # 0 when the connection was dropped


@dataclass(frozen=True)
class Withdrawal:
    kind: str  # "doc" | "ecli"
    updated: dt.datetime


class BadRequest(ValueError):
    pass


def _utc(value: str) -> dt.datetime:
    text = value.strip().replace("Z", "+00:00")
    try:
        stamp = dt.datetime.fromisoformat(text)
    except ValueError as exc:
        raise BadRequest(f"bad timestamp {value!r}") from exc
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=dt.UTC)
    return stamp.astimezone(dt.UTC)


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip()[:10])
    except ValueError as exc:
        raise BadRequest(f"bad date {value!r}") from exc


def _int(params: dict[str, list[str]], name: str, default: int) -> int:
    values = params.get(name)
    if not values or not values[0].strip():
        return default
    try:
        return int(values[0])
    except ValueError as exc:
        raise BadRequest(f"bad {name} {values[0]!r}") from exc


class ReplayServer:
    def __init__(
        self,
        dirs: Iterable[Path] | None = None,
        documents: Iterable[ServedDocument] | None = None,
        host: str = "127.0.0.1",
        port: int = 0,
        replicate_copies: int = 1,
        faults: Iterable[Fault] = (),
    ) -> None:
        docs = list(documents) if documents is not None else load_documents(dirs)
        if replicate_copies > 1:
            docs = replicate(docs, replicate_copies)
        self.lock = threading.Lock()
        self.docs: dict[str, ServedDocument] = {d.ecli: d for d in docs}
        self.withdrawn: dict[str, Withdrawal] = {}
        self.faults: list[Fault] = list(faults)
        # Called with each request's path+query before it is answered (outside the lock):
        # tests use it to change the index in the middle of a crawl.
        self.hooks: list[Callable[[str], None]] = []
        self.log: list[LogEntry] = []
        self.feed_uuid = str(uuid.uuid4())
        # Quirks of the index a test may switch on: pages shorter than `max` (the server's
        # own ceiling), a count off by `count_delta`, another subtitle wording (None: none;
        # "{n_nl}" is the count with Dutch thousands separators, "10.778").
        self.page_cap = MAX_PAGE
        self.from_base = 0  # 1: `from=501` is the 501st entry (the API documentation's example)
        # False: return=DOC leaves out withdrawn entries too (they have no document any more).
        self.return_doc_lists_deleted = True
        self.ignore_replaces = False  # True: a server that does not know `replaces`
        self.count_delta = 0
        self.subtitle: str | None = "Aantal gevonden ECLI's: {n}"
        # Transport a test may switch on: gzip (when the client accepts it), chunked transfer
        # encoding (no Content-Length), another Content-Type per path (None: no header).
        self.gzip = False
        self.chunked = False
        self.content_types: dict[str, str | None] = {}
        self.page_counter = 0
        self.host = host
        self.port = port
        self._httpd: _HTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- life cycle -------------------------------------------------------------------

    def start(self) -> ReplayServer:
        self._httpd = _HTTPServer((self.host, self.port), _Handler)
        self._httpd.replay = self
        self.port = self._httpd.server_address[1]
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        kwargs={"poll_interval": 0.1},
                                        name=f"replay:{self.port}", daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            self._httpd = None

    def __enter__(self) -> ReplayServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    # -- what tests change ------------------------------------------------------------

    def add_fault(self, fault: Fault) -> Fault:
        with self.lock:
            self.faults.append(fault)
        return fault

    def clear_faults(self) -> None:
        with self.lock:
            self.faults.clear()

    def withdraw(self, ecli: str, kind: str = "doc", updated: dt.datetime | None = None) -> None:
        if kind not in ("doc", "ecli"):
            raise ValueError("deleted is 'doc' or 'ecli'")
        stamp = (updated or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
        with self.lock:
            self.withdrawn[ecli] = Withdrawal(kind, stamp)

    def new_version(self, ecli: str, modified: dt.datetime | None = None,
                    raw: bytes | None = None) -> ServedDocument:
        """Serve other bytes for `ecli` with a newer `updated` (default: now)."""
        with self.lock:
            old = self.docs[ecli]
            stamp = modified or max(dt.datetime.now(dt.UTC), old.modified + dt.timedelta(
                seconds=1))
            self.docs[ecli] = new = with_modified(old, stamp, raw)
            self.withdrawn.pop(ecli, None)
        return new

    def add_document(self, doc: ServedDocument) -> None:
        with self.lock:
            self.docs[doc.ecli] = doc

    def requests(self, path: str | None = None) -> list[LogEntry]:
        with self.lock:
            return [e for e in self.log if path is None or e.path == path]

    def reset_log(self) -> None:
        with self.lock:
            self.log.clear()

    # -- the index --------------------------------------------------------------------

    def select(self, params: dict[str, list[str]]
               ) -> list[tuple[ServedDocument, dt.datetime, str | None]]:
        """The whole ordered result of a zoeken query: (document, updated, deleted)."""
        types = {t.strip().lower() for t in params.get("type", []) if t.strip()}
        subjects = [s.strip() for s in params.get("subject", []) if s.strip()]
        creators = {c.strip() for c in params.get("creator", []) if c.strip()}
        ljns = {r.strip().upper() for r in params.get("replaces", []) if r.strip()
                and not self.ignore_replaces}
        dates = sorted(_day(d) for d in params.get("date", []) if d.strip())
        stamps = sorted(_utc(m) for m in params.get("modified", []) if m.strip())
        if len(dates) > 2 or len(stamps) > 2:
            raise BadRequest("date and modified take one or two values")
        only_docs = any(r.strip().upper() == "DOC" for r in params.get("return", []))
        sort = (params.get("sort") or ["ASC"])[0].strip().upper() or "ASC"
        if sort not in ("ASC", "DESC"):
            raise BadRequest(f"bad sort {sort!r}")
        rows = []
        with self.lock:
            snapshot = [(d, self.withdrawn.get(d.ecli)) for d in self.docs.values()]
        for doc, gone in snapshot:
            updated = gone.updated if gone else doc.modified
            if types and (doc.doc_type or "").lower() not in types:
                continue
            if subjects and not any(s == want or s.startswith(want + "_")
                                    for s in doc.subjects for want in subjects):
                continue
            if creators and not creators.intersection(doc.creators):
                continue
            if ljns and not ljns.intersection(r.upper() for r in doc.replaces):
                continue
            if dates and (doc.decision_date is None
                          or not dates[0] <= doc.decision_date <= dates[-1]):
                continue
            if stamps and (updated < stamps[0] or (len(stamps) == 2 and updated > stamps[1])):
                continue
            if only_docs and not gone and not doc.has_body:
                continue
            if only_docs and gone and not self.return_doc_lists_deleted:
                continue
            rows.append((doc, updated, gone.kind if gone else None))
        rows.sort(key=lambda r: (r[1], r[0].ecli), reverse=sort == "DESC")
        return rows

    def feed(self, params: dict[str, list[str]]) -> bytes:
        rows = self.select(params)
        size = _int(params, "max", MAX_PAGE)
        size = MAX_PAGE if size <= 0 else min(size, MAX_PAGE, self.page_cap)
        offset = max(_int(params, "from", self.from_base) - self.from_base, 0)
        page = rows[offset: offset + size]
        with self.lock:
            self.page_counter += 1
            number = self.page_counter
        return feed_xml([entry_xml(d, u, deleted) for d, u, deleted in page],
                        max(len(rows) + self.count_delta, 0), self.feed_uuid, number,
                        subtitle=self.subtitle)

    def content(self, ecli: str) -> bytes | None:
        with self.lock:
            if ecli in self.withdrawn:
                return None
            doc = self.docs.get(ecli)
        return doc.raw if doc else None

    # -- one request ------------------------------------------------------------------

    def _pick_faults(self, target: str) -> tuple[float, Fault | None]:
        delay, chosen = 0.0, None
        with self.lock:
            for fault in self.faults:
                if not fault.live_for(target):
                    continue
                if fault.kind == "slow":
                    fault.hits += 1
                    delay += fault.delay
                elif chosen is None:
                    fault.hits += 1
                    chosen = fault
                    delay += fault.delay
        return delay, chosen

    def handle(self, handler: _Handler, method: str) -> None:
        arrived = time.time()
        parts = urlsplit(handler.path)
        path = parts.path
        if path.startswith("/_replay/"):
            self._control(handler, method, path, parts.query)
            return
        target = unquote(handler.path)
        params = parse_qs(parts.query, keep_blank_values=True)
        for hook in list(self.hooks):
            hook(target)
        delay, fault = self._pick_faults(target)
        kind = fault.kind if fault else None
        # The answer is what the index held when the request arrived (a slow answer is sent
        # late, it is not computed late): a document may be withdrawn while its bytes travel.
        answer = self._answer(path, params) if kind not in STATUS_KINDS else None
        entry = LogEntry(arrived, method, path, target, parts.query,
                         handler.headers.get("User-Agent", ""), kind)
        with self.lock:
            self.log.append(entry)
        if delay:
            time.sleep(delay)
        status, body, headers = 200, b"", {}
        if kind == "drop":
            entry.status = 0
            handler.close_connection = True
            with contextlib.suppress(OSError):
                handler.connection.shutdown(socket.SHUT_RDWR)
            return
        if kind in STATUS_KINDS:
            status = STATUS_KINDS[kind]
            body = f"{status} (replay fault)".encode()
            if fault is not None and fault.retry_after is not None:
                headers["Retry-After"] = str(fault.retry_after)
        elif answer is not None:
            status, body, ctype = answer
            headers["Content-Type"] = ctype
            if status == 200 and kind == "truncate":
                body = body[: len(body) // 2]
            elif status == 200 and kind == "malformed":
                body = _break(body)
            elif status == 200 and kind == "empty":
                body = b""
            elif status == 200 and kind == "html":
                body, headers["Content-Type"] = MAINTENANCE_PAGE, "text/html; charset=utf-8"
        headers.setdefault("Content-Type", "text/plain; charset=utf-8")
        if path in self.content_types:
            override = self.content_types[path]
            if override is None:
                del headers["Content-Type"]
            else:
                headers["Content-Type"] = override
        if self.gzip and "gzip" in handler.headers.get("Accept-Encoding", ""):
            body = gzip.compress(body)
            headers["Content-Encoding"] = "gzip"
        entry.status = status
        handler.reply(status, body, headers, chunked=self.chunked)

    def _answer(self, path: str, params: dict[str, list[str]]) -> tuple[int, bytes, str]:
        try:
            if path == "/uitspraken/zoeken":
                return 200, self.feed(params), "application/atom+xml; charset=utf-8"
            if path == "/uitspraken/content":
                ecli = (params.get("id") or [""])[0].strip()
                if not ecli:
                    raise BadRequest("id is required")
                raw = self.content(ecli)
                if raw is None:
                    return 404, f"{ecli} not found".encode(), "text/plain; charset=utf-8"
                return 200, raw, "application/xml; charset=utf-8"
        except BadRequest as exc:
            return 400, str(exc).encode(), "text/plain; charset=utf-8"
        return 404, b"not found", "text/plain; charset=utf-8"

    # -- control endpoint -------------------------------------------------------------

    def _control(self, handler: _Handler, method: str, path: str, query: str) -> None:
        length = int(handler.headers.get("Content-Length") or 0)
        body = json.loads(handler.rfile.read(length) or b"{}") if length else {}
        action = path.removeprefix("/_replay/")
        result: Any = {"ok": True}
        try:
            if action == "fault" and method == "POST":
                self.add_fault(Fault(**body))
            elif action == "clear-faults":
                self.clear_faults()
            elif action == "withdraw" and method == "POST":
                updated = _utc(body["updated"]) if body.get("updated") else None
                self.withdraw(body["ecli"], body.get("kind", "doc"), updated)
            elif action == "version" and method == "POST":
                modified = _utc(body["modified"]) if body.get("modified") else None
                self.new_version(body["ecli"], modified)
            elif action == "log":
                result = [asdict(e) for e in self.requests()]
            elif action == "reset-log":
                self.reset_log()
            elif action == "documents":
                result = [{"ecli": d.ecli, "updated": u.isoformat(), "deleted": g,
                           "type": d.doc_type, "subjects": d.subjects}
                          for d, u, g in self.select(parse_qs(query))]
            else:
                handler.reply(404, b"unknown control action", {})
                return
        except (KeyError, TypeError, ValueError) as exc:
            handler.reply(400, str(exc).encode(), {})
            return
        handler.reply(200, json.dumps(result).encode(),
                      {"Content-Type": "application/json"})


def _break(body: bytes) -> bytes:
    """Malformed XML: the closing root tag no longer matches its start tag."""
    end = body.rfind(b"</")
    if end < 0:
        return body + b"<unclosed"
    return body[:end] + b"</broken-" + body[end + 2:]


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128  # the benchmark opens dozens of connections at once
    replay: ReplayServer


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as the real API
    server: _HTTPServer
    server_version = "replay"

    def do_GET(self) -> None:  # noqa: N802 (http.server naming)
        self.server.replay.handle(self, "GET")

    def do_POST(self) -> None:  # noqa: N802
        self.server.replay.handle(self, "POST")

    def reply(self, status: int, body: bytes, headers: dict[str, str], chunked: bool = False
              ) -> None:
        try:
            self.send_response(status)
            for key, value in headers.items():
                self.send_header(key, value)
            if not chunked:
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
                return
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            for start in range(0, len(body), 4096):
                piece = body[start:start + 4096]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client went away (e.g. killed mid-crawl)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        logger.debug("%s " + format, self.address_string(), *args)
