"""`python -m tests.replay`: run the replay server by hand (demos, manual crawls, benchmarks).

    python -m tests.replay --port 8765
    python -m tests.replay --docs samples/opendata \
        --fault 429,match=/uitspraken/zoeken,times=2,retry_after=1
    python -m tests.replay --replicate 50 --port 8765    # throughput harness: synthetic ECLIs

Then e.g. `vonnis crawl --api-url http://127.0.0.1:8765 --from 1900-01-01 --to 2030-01-01`.
Control while it runs: POST /_replay/fault, /_replay/withdraw, /_replay/version (JSON),
GET /_replay/log, /_replay/documents?subject=...
"""

from __future__ import annotations

import argparse
import logging
import signal
import sys
import threading
from pathlib import Path

from tests.replay.corpus import default_dirs
from tests.replay.server import Fault, ReplayServer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.replay", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--docs", type=Path, action="append", default=None,
                        help="folder of Open Data XML files (repeatable; default: "
                             "samples/opendata, samples/reconstructed, ../shared/corpus/opendata)")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--replicate", type=int, default=1,
                        help="serve every document under N ECLIs (throughput tests only)")
    parser.add_argument("--fault", action="append", default=[],
                        help="kind[,match=...][,times=N|all][,retry_after=S][,delay=S]")
    parser.add_argument("--delay", type=float, default=0.0,
                        help="answer every content request this many seconds late")
    parser.add_argument("--withdraw", action="append", default=[],
                        help="ECLI[=doc|ecli]: list it as a deleted entry")
    parser.add_argument("-v", "--verbose", action="store_true", help="log every request")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.DEBUG if args.verbose else logging.INFO,
                        format="%(asctime)s %(message)s")

    faults = [Fault.parse(spec) for spec in args.fault]
    if args.delay:
        faults.append(Fault("slow", match="/uitspraken/content", times=None, delay=args.delay))
    server = ReplayServer(dirs=args.docs, host=args.host, port=args.port,
                          replicate_copies=args.replicate, faults=faults)
    for spec in args.withdraw:
        ecli, _, kind = spec.partition("=")
        server.withdraw(ecli, kind or "doc")
    server.start()
    dirs = args.docs or default_dirs()
    print(f"replaying {len(server.docs)} documents from {', '.join(map(str, dirs))} "
          f"at {server.url}", flush=True)

    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    try:
        stop.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
