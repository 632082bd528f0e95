"""Pytest plugin: a real Elasticsearch for tests marked `@pytest.mark.elasticsearch`.

Loaded from tests/conftest.py (`pytest_plugins = ["tests.es_server"]`).

- `es_url` (session): $ELASTICSEARCH_URL when set; else a node started by index.es_node on
  $VONNIS_TEST_ES_PORT (default 9250, or a free port when 9250 is taken) with a temporary state
  folder, stopped and removed at the end of the session.
- `es_client` (session): an `elasticsearch.Elasticsearch` for `es_url`.
- `es_state_dir` (session): that temporary folder, or None when $ELASTICSEARCH_URL is used.

A node that cannot start fails the tests that need it (with the tail of its log); set
VONNIS_SKIP_ES=1 to skip them instead, e.g. on a machine without Java 21+.
"""

from __future__ import annotations

import os
import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from index import es_node

if TYPE_CHECKING:
    from elasticsearch import Elasticsearch

TEST_PORT = 9250


def _test_port() -> int:
    if env := os.environ.get("VONNIS_TEST_ES_PORT"):
        return int(env)
    with socket.socket() as s:
        if s.connect_ex(("127.0.0.1", TEST_PORT)) != 0:
            return TEST_PORT
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def _es_node() -> Iterator[tuple[str, Path | None]]:
    if url := os.environ.get("ELASTICSEARCH_URL"):
        yield url.rstrip("/"), None
        return
    if os.environ.get("VONNIS_SKIP_ES") == "1":
        pytest.skip("VONNIS_SKIP_ES=1: not starting Elasticsearch")
    state_dir = Path(tempfile.mkdtemp(prefix="vonnis-es-test-"))
    try:
        url = es_node.start(port=_test_port(), state_dir=state_dir,
                            heap=os.environ.get("VONNIS_TEST_ES_HEAP", "512m"))
    except es_node.EsNodeError as exc:
        shutil.rmtree(state_dir, ignore_errors=True)
        pytest.fail(f"could not start Elasticsearch for the tests:\n{exc}", pytrace=False)
    try:
        yield url, state_dir
    finally:
        stopped = es_node.stop(state_dir)
        running = es_node.status(state_dir).running
        shutil.rmtree(state_dir, ignore_errors=True)
        assert stopped and not running, "the test Elasticsearch node did not stop"


@pytest.fixture(scope="session")
def es_url(_es_node: tuple[str, Path | None]) -> str:
    return _es_node[0]


@pytest.fixture(scope="session")
def es_state_dir(_es_node: tuple[str, Path | None]) -> Path | None:
    return _es_node[1]


@pytest.fixture(scope="session")
def es_client(es_url: str) -> Iterator[Elasticsearch]:
    from elasticsearch import Elasticsearch

    client = Elasticsearch(es_url, request_timeout=30)
    yield client
    client.close()
