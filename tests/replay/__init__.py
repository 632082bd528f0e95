"""Replay server: the rechtspraak.nl Open Data API over a folder of real documents, with faults.

In tests: `ReplayServer` (a context manager; see server.py). By hand:
`python -m tests.replay --port 8765` (see __main__.py).
"""

from tests.replay.corpus import ServedDocument, default_dirs, describe, load_documents
from tests.replay.server import Fault, LogEntry, ReplayServer

__all__ = ["Fault", "LogEntry", "ReplayServer", "ServedDocument", "default_dirs", "describe",
           "load_documents"]
