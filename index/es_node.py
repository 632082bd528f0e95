"""A local single-node Elasticsearch that vonnis downloads, starts and stops itself.

    python -m index.es_node start [--port 9200] [--heap 512m] [--state-dir DIR]
    python -m index.es_node status | stop | install

From code:

    from index import es_node
    url = es_node.start(port=9250, state_dir=tmp)   # idempotent; returns "http://127.0.0.1:9250"
    es_node.status(state_dir=tmp)                   # NodeStatus(url, running, pid, health, ...)
    es_node.stop(state_dir=tmp)

What it does:

- Downloads `org.elasticsearch.distribution.integ-test-zip:elasticsearch:<ES_VERSION>` (a zip
  without a bundled JDK) from Maven Central over plain HTTPS, verifies it (Maven's .sha1 when
  published, else the SHA-256 pinned below) and renames it into the cache only when complete.
- Unpacks it into the cache and adds the small `vonnis-analysis-nl` plugin (index/es_plugin.py:
  the `dutch` analyzer and friends, which this distribution lacks), compiled with javac.
- Runs it with a JDK >= 21 (ES_JAVA_HOME, else JAVA_HOME, else the newest in /usr/lib/jvm),
  bound to 127.0.0.1, single-node discovery (which also skips the production bootstrap checks
  such as vm.max_map_count), security off, a fixed heap, disk watermarks relaxed to absolute
  sizes so a nearly full disk does not turn indices read-only.
- Elasticsearch refuses to run as root: as root it runs as the system user `vonnis-es` (made
  on first use) through `runuser`; otherwise as the current user.

Files: the cache is $VONNIS_CACHE_DIR, else /var/cache/vonnis as root (root's home is not
readable by the node's user), else $XDG_CACHE_HOME/vonnis or ~/.cache/vonnis. A node's state
(config, data, logs, tmp, es.pid, node.json) lives in --state-dir, default $VONNIS_ES_STATE_DIR,
else $VONNIS_HOME/es-node when VONNIS_HOME is set, else <cache>/es-node. Defaults for port and
heap: $VONNIS_ES_PORT (9200), $VONNIS_ES_HEAP (512m); $ES_JAVA_OPTS is appended to the heap.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import json
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from index import es_plugin

# Maven Central's maven-metadata.xml for integ-test-zip lists no 9.x at all, yet the 9.5.3 zip
# is served (without .pom or .sha1); 9.5.3 is also the newest org.elasticsearch:elasticsearch.
ES_VERSION = os.environ.get("VONNIS_ES_VERSION", "9.5.3")
MAVEN_REPO = os.environ.get("VONNIS_MAVEN_REPO", "https://repo1.maven.org/maven2").rstrip("/")
# SHA-256 of zips as first fetched here, for versions whose .sha1 Maven Central does not serve.
KNOWN_SHA256 = {
    "9.5.3": "bec49f3b8d00e75c8d1cec85c35298635ec9fbd3ae80ef5aeb6bc05abdb3db2d",
}
DEFAULT_PORT = int(os.environ.get("VONNIS_ES_PORT", "9200"))
DEFAULT_HEAP = os.environ.get("VONNIS_ES_HEAP", "512m")
ES_USER = os.environ.get("VONNIS_ES_USER", "vonnis-es")
MIN_JAVA = 21
HOST = "127.0.0.1"
START_TIMEOUT = 300.0  # a 30 s start took 107 s on a 2-core machine at load 8


class EsNodeError(RuntimeError):
    """Raised with a message fit for a user when the node cannot be installed or started."""


@dataclass(frozen=True)
class NodeStatus:
    url: str
    running: bool
    pid: int | None
    health: str | None  # "green" / "yellow" / "red", None when no answer
    version: str | None
    state_dir: Path


def _log(msg: str) -> None:
    print(f"[es-node] {msg}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------- places


def _is_root() -> bool:
    return os.geteuid() == 0


def cache_dir() -> Path:
    if env := os.environ.get("VONNIS_CACHE_DIR"):
        return Path(env) / "elasticsearch"
    if _is_root():
        return Path("/var/cache/vonnis/elasticsearch")
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "vonnis" / "elasticsearch"


def default_state_dir() -> Path:
    if env := os.environ.get("VONNIS_ES_STATE_DIR"):
        return Path(env)
    if home := os.environ.get("VONNIS_HOME"):
        return Path(home).resolve() / "es-node"
    return cache_dir().parent / "es-node"


def _mkdirs(path: Path) -> None:
    """mkdir -p with 0755 folders, so the node's user can traverse what root makes."""
    missing = [p for p in [path, *path.parents] if not p.exists()]
    for p in reversed(missing):
        p.mkdir(mode=0o755, exist_ok=True)
        p.chmod(0o755)


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    _mkdirs(path.parent)
    with open(path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


# ---------------------------------------------------------------- java


def java_major(java_home: Path) -> int | None:
    """The major version of the JDK/JRE at java_home, None if there is none."""
    release = java_home / "release"
    if release.is_file():
        m = re.search(r'^JAVA_VERSION="(\d+)', release.read_text(errors="replace"), re.M)
        if m:
            return int(m.group(1))
    java = java_home / "bin" / "java"
    if not java.exists():
        return None
    out = subprocess.run([str(java), "-version"], capture_output=True, text=True, check=False)
    m = re.search(r'version "(\d+)(?:\.(\d+))?', out.stderr + out.stdout)
    if not m:
        return None
    major = int(m.group(1))
    return int(m.group(2) or 0) if major == 1 else major


def find_java() -> Path:
    """A Java home with Java >= 21: $ES_JAVA_HOME, $JAVA_HOME, then the newest in /usr/lib/jvm."""
    env = os.environ.get("ES_JAVA_HOME")
    if env:
        major = java_major(Path(env))
        if major is None or major < MIN_JAVA:
            raise EsNodeError(f"ES_JAVA_HOME={env} is Java {major}; Elasticsearch 9 needs "
                              f"{MIN_JAVA} or newer")
        return Path(env)
    candidates: list[Path] = []
    if os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]))
    jvm = Path("/usr/lib/jvm")
    if jvm.is_dir():
        candidates += sorted(p for p in jvm.iterdir() if p.is_dir() and not p.is_symlink())
    if which := shutil.which("java"):
        candidates.append(Path(which).resolve().parent.parent)
    found = [(java_major(c) or 0, (c / "bin" / "javac").exists(), c) for c in candidates]
    good = [f for f in found if f[0] >= MIN_JAVA]
    if not good:
        seen = ", ".join(f"{c} (Java {m or '?'})" for m, _, c in found) or "none"
        raise EsNodeError(f"no Java {MIN_JAVA}+ found (looked at: {seen}); install a JDK "
                          f"{MIN_JAVA}+ (e.g. Temurin) and set ES_JAVA_HOME to it")
    if env_home := os.environ.get("JAVA_HOME"):
        for _major, _, home in good:
            if home == Path(env_home):
                return home
    good.sort(key=lambda f: (f[1], f[0]))  # prefer a JDK (javac builds the plugin), then newest
    return good[-1][2]


# ---------------------------------------------------------------- download / install


def zip_url(version: str = ES_VERSION) -> str:
    group = "org/elasticsearch/distribution/integ-test-zip/elasticsearch"
    return f"{MAVEN_REPO}/{group}/{version}/elasticsearch-{version}.zip"


def _fetch_sha1(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url + ".sha1", timeout=30) as resp:
            return resp.read().decode().split()[0].strip().lower()
    except urllib.error.HTTPError as exc:
        if exc.code == 404:
            return None
        raise


def download(version: str = ES_VERSION) -> Path:
    """The verified distribution zip in the cache, downloading it first if needed."""
    final = cache_dir() / f"elasticsearch-{version}.zip"
    if final.exists():
        return final
    with _locked(cache_dir() / ".download.lock"):
        if final.exists():
            return final
        url = zip_url(version)
        try:
            sha1 = _fetch_sha1(url)
        except OSError as exc:
            raise EsNodeError(f"cannot reach {url}.sha1: {exc}") from exc
        sha256 = KNOWN_SHA256.get(version)
        if not sha1 and not sha256:
            raise EsNodeError(f"no checksum for Elasticsearch {version}: Maven serves no .sha1 "
                              "and none is pinned in index/es_node.py KNOWN_SHA256")
        part = final.with_name(f"{final.name}.part-{os.getpid()}")
        h1, h256 = hashlib.sha1(), hashlib.sha256()
        t0 = time.monotonic()
        try:
            with urllib.request.urlopen(url, timeout=60) as resp, open(part, "wb") as out:
                size = int(resp.headers.get("Content-Length") or 0)
                _log(f"downloading {url} ({size / 1e6:.0f} MB)")
                while chunk := resp.read(1 << 20):
                    h1.update(chunk)
                    h256.update(chunk)
                    out.write(chunk)
            if sha1 and h1.hexdigest() != sha1:
                raise EsNodeError(f"SHA-1 mismatch for {url}: got {h1.hexdigest()}, want {sha1}")
            if sha256 and h256.hexdigest() != sha256:
                raise EsNodeError(f"SHA-256 mismatch for {url}: got {h256.hexdigest()}, "
                                  f"want {sha256}")
            os.replace(part, final)
        except OSError as exc:
            raise EsNodeError(f"downloading {url} failed: {exc}") from exc
        finally:
            part.unlink(missing_ok=True)
        _log(f"downloaded in {time.monotonic() - t0:.1f} s to {final}")
        return final


def es_home_for(version: str = ES_VERSION) -> Path:
    return cache_dir() / f"elasticsearch-{version}-nl{es_plugin.PLUGIN_VERSION}"


def install(version: str = ES_VERSION, java_home: Path | None = None) -> Path:
    """The unpacked distribution with the vonnis plugin, made once; returns its home folder."""
    home = es_home_for(version)
    if home.is_dir():
        return home
    archive = download(version)
    java_home = java_home or find_java()
    with _locked(cache_dir() / ".install.lock"):
        if home.is_dir():
            return home
        t0 = time.monotonic()
        tmp = home.with_name(f".{home.name}.partial-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(mode=0o755)
        try:
            with zipfile.ZipFile(archive) as zf:
                for info in zf.infolist():
                    target = Path(zf.extract(info, tmp))
                    mode = (info.external_attr >> 16) & 0o777
                    target.chmod(0o755 if info.is_dir() else (mode or 0o644) | 0o444)
            unpacked = tmp / f"elasticsearch-{version}"
            es_plugin.build_plugin(unpacked, version, java_home)
            unpacked.rename(home)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        _log(f"installed Elasticsearch {version} in {home} ({time.monotonic() - t0:.1f} s)")
        return home


# ---------------------------------------------------------------- user


def _ensure_user() -> tuple[int, int]:
    """(uid, gid) of the unprivileged system user that runs the node, created if needed."""
    try:
        pw = pwd.getpwnam(ES_USER)
        return pw.pw_uid, pw.pw_gid
    except KeyError:
        pass
    cmd = ["useradd", "--system", "--user-group", "--no-create-home", "--home-dir",
           "/nonexistent", "--shell", "/usr/sbin/nologin", ES_USER]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise EsNodeError(f"cannot create user {ES_USER} ({' '.join(cmd)}): {proc.stderr}")
    _log(f"created system user {ES_USER} to run Elasticsearch (it refuses to run as root)")
    pw = pwd.getpwnam(ES_USER)
    return pw.pw_uid, pw.pw_gid


def _check_reachable(path: Path, uid: int, gid: int) -> None:
    """Raise if uid/gid cannot traverse every folder above path (e.g. root's 0700 home)."""
    for p in reversed(path.resolve().parents):
        st = p.stat()
        ok = (st.st_mode & 0o001 or (st.st_uid == uid and st.st_mode & 0o100)
              or (st.st_gid == gid and st.st_mode & 0o010))
        if not ok:
            raise EsNodeError(f"user {ES_USER} cannot enter {p} (mode {st.st_mode & 0o777:o}), "
                              f"so it cannot use {path}; choose another --state-dir or "
                              "VONNIS_CACHE_DIR outside it")


# ---------------------------------------------------------------- process helpers


def _pidfile(state_dir: Path) -> Path:
    return state_dir / "es.pid"


def _read_pid(state_dir: Path) -> int | None:
    try:
        return int(_pidfile(state_dir).read_text().strip())
    except (OSError, ValueError):
        return None


def _alive(pid: int | None) -> bool:
    """True if pid is a running Elasticsearch (not a recycled pid of something else)."""
    if not pid:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return True  # no /proc: trust kill(0)
    if b"org.elasticsearch" not in cmdline:
        return False
    with contextlib.suppress(OSError):  # a zombie is not running
        if Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0] == "Z":
            return False
    return True


def _get_json(url: str, timeout: float = 3.0) -> dict | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as resp:
            return json.loads(resp.read())
    except (OSError, ValueError):
        return None


def _health(url: str, wait: str | None = None) -> str | None:
    query = f"?wait_for_status={wait}&timeout=1s" if wait else ""
    body = _get_json(f"{url}/_cluster/health{query}", timeout=5.0)
    return body.get("status") if body else None


def _port_in_use(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(1.0)
        return s.connect_ex((HOST, port)) == 0


def _tail(path: Path, lines: int = 40) -> str:
    try:
        text = path.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    return "\n".join(text[-lines:])


def _failure(state_dir: Path, why: str) -> EsNodeError:
    parts = [why]
    launcher = state_dir / "launcher.log"
    if tail := _tail(launcher, 25):
        parts.append(f"--- {launcher} (tail) ---\n{tail}")
    server_log = state_dir / "logs" / "vonnis.log"
    if tail := _tail(server_log, 40):
        parts.append(f"--- {server_log} (tail) ---\n{tail}")
    return EsNodeError("\n".join(parts))


def _read_meta(state_dir: Path) -> dict:
    try:
        return json.loads((state_dir / "node.json").read_text())
    except (OSError, ValueError):
        return {}


# ---------------------------------------------------------------- start / stop / status


def _prepare_state(state_dir: Path, es_home: Path, version: str, java_home: Path) -> None:
    for sub in ("", "data", "logs", "tmp"):
        _mkdirs(state_dir / sub)
    conf = state_dir / "config"
    stamp = conf / ".vonnis-es-version"
    if not stamp.exists() or stamp.read_text().strip() != version:
        # The node writes its keystore into its config folder, so each node gets its own copy.
        shutil.rmtree(conf, ignore_errors=True)
        shutil.copytree(es_home / "config", conf)
        stamp.write_text(version + "\n")
    if _is_root():
        uid, gid = _ensure_user()
        for path in (es_home, state_dir, java_home):
            _check_reachable(path, uid, gid)
        os.chown(state_dir, uid, gid)
        for sub in ("data", "logs", "tmp", "config"):
            if (state_dir / sub).stat().st_uid == uid and sub != "config":
                continue
            for root, dirs, files in os.walk(state_dir / sub):
                os.chown(root, uid, gid)
                for name in dirs + files:
                    os.chown(os.path.join(root, name), uid, gid, follow_symlinks=False)


def _command(es_home: Path, state_dir: Path, port: int) -> list[str]:
    settings = {
        "cluster.name": "vonnis",
        "node.name": f"vonnis-{port}",
        "discovery.type": "single-node",
        "network.host": HOST,
        "http.port": str(port),
        "path.data": str(state_dir / "data"),
        "path.logs": str(state_dir / "logs"),
        # Absolute free-space thresholds instead of 85/90/95 % of the disk.
        "cluster.routing.allocation.disk.watermark.low": "1gb",
        "cluster.routing.allocation.disk.watermark.high": "500mb",
        "cluster.routing.allocation.disk.watermark.flood_stage": "200mb",
    }
    if (es_home / "modules" / "x-pack-security").is_dir():
        settings["xpack.security.enabled"] = "false"
    cmd = [str(es_home / "bin" / "elasticsearch"), "-d", "-p", str(_pidfile(state_dir))]
    for key, value in settings.items():
        cmd += ["-E", f"{key}={value}"]
    if _is_root():
        cmd = ["runuser", "-u", ES_USER, "--", *cmd]
    return cmd


def start(
    port: int = DEFAULT_PORT,
    heap: str = DEFAULT_HEAP,
    state_dir: Path | None = None,
    timeout: float = START_TIMEOUT,
    version: str = ES_VERSION,
) -> str:
    """Start the node (or find it running) and return its URL once health is yellow/green."""
    if not re.fullmatch(r"\d+[kmgKMG]", heap):
        raise EsNodeError(f"heap must look like 512m or 1g, not {heap!r}")
    state_dir = (state_dir or default_state_dir()).absolute()
    url = f"http://{HOST}:{port}"
    _mkdirs(state_dir)
    with _locked(state_dir / ".lock"):
        pid = _read_pid(state_dir)
        if _alive(pid):
            running_port = _read_meta(state_dir).get("port")
            if running_port not in (None, port):
                raise EsNodeError(f"the node in {state_dir} already runs on port {running_port} "
                                  f"(pid {pid}); stop it first to use port {port}")
            if _wait_healthy(url, pid, time.monotonic() + timeout):
                return url
            raise _failure(state_dir, f"node pid {pid} runs but {url} is not healthy")
        _pidfile(state_dir).unlink(missing_ok=True)
        if _port_in_use(port):
            raise EsNodeError(f"port {port} is in use by another process, not by the node in "
                              f"{state_dir}; pick another --port")

        java_home = find_java()
        es_home = install(version, java_home)
        _prepare_state(state_dir, es_home, version, java_home)
        env = {
            **os.environ,
            "ES_JAVA_HOME": str(java_home),
            "ES_PATH_CONF": str(state_dir / "config"),
            "ES_TMPDIR": str(state_dir / "tmp"),
            "ES_JAVA_OPTS": f"-Xms{heap} -Xmx{heap} {os.environ.get('ES_JAVA_OPTS', '')}".strip(),
        }
        env.pop("JAVA_HOME", None)  # ES warns when it sees JAVA_HOME next to ES_JAVA_HOME
        cmd = _command(es_home, state_dir, port)
        _log(f"starting Elasticsearch {version} on {url} (Java {java_major(java_home)} at "
             f"{java_home}, heap {heap}, state {state_dir})")
        t0 = time.monotonic()
        deadline = t0 + timeout
        with open(state_dir / "launcher.log", "wb") as out:
            launcher = subprocess.Popen(cmd, env=env, cwd=state_dir, stdin=subprocess.DEVNULL,
                                        stdout=out, stderr=subprocess.STDOUT,
                                        start_new_session=True)
        # With -d the launcher returns once the node is up (0) or has failed (non-zero).
        try:
            code = launcher.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired as exc:
            launcher.kill()
            launcher.wait()
            _kill(_read_pid(state_dir), 10.0)
            msg = f"Elasticsearch did not start within {timeout:.0f} s"
            raise _failure(state_dir, msg) from exc
        if code != 0:
            raise _failure(state_dir, f"Elasticsearch failed to start (launcher exit code {code})")
        pid = _read_pid(state_dir)
        if not _wait_healthy(url, pid, deadline):
            _kill(pid, 10.0)
            raise _failure(state_dir, f"Elasticsearch pid {pid} did not become healthy at {url}")
        meta = {"url": url, "port": port, "pid": pid, "version": version, "heap": heap,
                "java_home": str(java_home), "es_home": str(es_home)}
        (state_dir / "node.json").write_text(json.dumps(meta, indent=2) + "\n")
        _log(f"Elasticsearch is up at {url} (pid {pid}) after {time.monotonic() - t0:.1f} s")
        return url


def _wait_healthy(url: str, pid: int | None, deadline: float) -> bool:
    while time.monotonic() < deadline:
        if _health(url, wait="yellow") in ("yellow", "green"):
            return True
        if not _alive(pid):
            return False
        time.sleep(0.5)
    return False


def _kill(pid: int | None, timeout: float) -> bool:
    """SIGTERM, wait, then SIGKILL; True if a process was stopped."""
    if not _alive(pid):
        return False
    assert pid is not None
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    except PermissionError as exc:
        raise EsNodeError(f"not allowed to stop pid {pid} (started by another user?)") from exc
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not _alive(pid):
            return True
        time.sleep(0.2)
    _log(f"pid {pid} ignored SIGTERM for {timeout:.0f} s; sending SIGKILL")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    while _alive(pid):
        time.sleep(0.1)
    return True


def stop(state_dir: Path | None = None, timeout: float = 60.0) -> bool:
    """Stop the node of state_dir; True if it was running."""
    state_dir = (state_dir or default_state_dir()).absolute()
    if not state_dir.is_dir():
        return False
    with _locked(state_dir / ".lock"):
        stopped = _kill(_read_pid(state_dir), timeout)
        _pidfile(state_dir).unlink(missing_ok=True)
        return stopped


def status(state_dir: Path | None = None, port: int | None = None) -> NodeStatus:
    """What the node of state_dir is doing; port defaults to the one it was started with."""
    state_dir = (state_dir or default_state_dir()).absolute()
    meta = _read_meta(state_dir)
    port = port or meta.get("port") or DEFAULT_PORT
    url = f"http://{HOST}:{port}"
    pid = _read_pid(state_dir)
    running = _alive(pid)
    health = _health(url) if running else None
    info = _get_json(url) if running else None
    version = (info or {}).get("version", {}).get("number") or meta.get("version")
    return NodeStatus(url=url, running=running, pid=pid if running else None, health=health,
                      version=version, state_dir=state_dir)


# ---------------------------------------------------------------- python -m index.es_node


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m index.es_node",
                                     description="Local single-node Elasticsearch for vonnis.")
    sub = parser.add_subparsers(dest="command", required=True)
    for name, text in [("start", "start the node (no-op if running) and print its URL"),
                       ("stop", "stop the node"),
                       ("status", "print url/pid/health; exit 3 when not running"),
                       ("install", "only download and unpack (e.g. to warm a CI cache)")]:
        p = sub.add_parser(name, help=text)
        p.add_argument("--state-dir", type=Path, default=None,
                       help=f"node data/logs/config (default {default_state_dir()})")
        if name in ("start", "status"):
            p.add_argument("--port", type=int, default=None,
                           help=f"HTTP port (default {DEFAULT_PORT})")
        if name == "start":
            p.add_argument("--heap", default=DEFAULT_HEAP, help="JVM heap, e.g. 512m or 1g")
            p.add_argument("--timeout", type=float, default=START_TIMEOUT,
                           help="seconds to wait for health yellow")
    args = parser.parse_args(argv)
    try:
        if args.command == "start":
            print(start(port=args.port or DEFAULT_PORT, heap=args.heap,
                        state_dir=args.state_dir, timeout=args.timeout))
        elif args.command == "stop":
            print("stopped" if stop(args.state_dir) else "not running")
        elif args.command == "install":
            print(install())
        else:
            st = status(args.state_dir, args.port)
            if not st.running:
                print(f"not running (state {st.state_dir})")
                return 3
            print(f"running {st.url} pid={st.pid} health={st.health} version={st.version} "
                  f"state={st.state_dir}")
    except EsNodeError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
