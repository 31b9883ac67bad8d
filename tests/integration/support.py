"""Real processes for the integration tests and the benchmarks: no pytest in here.

- :func:`start_worker`: a ``celery -A claimdesk worker`` subprocess in a process
  group of its own (so it can be stopped, or killed whole as a lost machine would be);
- :class:`RedisServer`: a ``redis-server`` of our own on a free port, to stop and
  start as a broker outage without touching anybody else's Redis;
- :class:`TcpProxy`: a TCP proxy in front of PostgreSQL whose connections can be
  cut (refused, and the open ones dropped) and restored, as a database outage.

Beside them, what both need around those processes: :func:`wait_until` (a liveness
bound, failing early when the worker died), :func:`all_settled` and
:func:`some_batch_scored` (what the pipeline did), :func:`database_proxy` and
:func:`through_proxy`, and :func:`point_celery_at`.

``tests/integration/conftest.py`` wraps them in fixtures; ``bench/pipeline.py`` and
``bench/faults.py`` use them directly, so a worker is started in one way everywhere.
The module lives with the tests (bench imports it with the repository on its path);
production code imports neither.
"""

from __future__ import annotations

import os
import selectors
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse, urlunparse

import kombu.pools

REPO = Path(__file__).resolve().parents[2]
# An integration run holds the Redis database it uses with this key; the benchmark
# refuses a database that a run holds.
REDIS_LOCK_KEY = "claimdesk:integration-run"
# Liveness bounds, never speed assertions: long enough for a loaded CI machine.
READY_TIMEOUT = 60.0
STOP_TIMEOUT = 20.0


class ServiceError(RuntimeError):
    """A process did not start or stop as it should; the message says what it printed."""


def wait_until(
    predicate: Callable[[], Any], *, what: str, timeout: float, worker: Worker | None = None
) -> Any:
    """Poll until ``predicate()`` is truthy and return it; ServiceError after ``timeout`` s,
    or at once (with the end of its log) if ``worker`` is given and has exited."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if worker is not None and worker.process.poll() is not None:
            raise ServiceError(
                f"the worker exited with {worker.process.returncode} while waiting for "
                f"{what}:\n{worker.log()[-5000:]}"
            )
        if time.monotonic() > deadline:
            raise ServiceError(f"gave up after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the worker --------------------------------------------------------------------------------


@dataclass
class Worker:
    """A ``celery worker`` (or ``celery beat``) subprocess in a process group of its own."""

    process: subprocess.Popen[bytes]
    log_path: Path
    hostname: str
    env: dict[str, str] = field(repr=False)

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def pool_children(self) -> list[int]:
        """Process ids of the prefork pool children."""
        out = subprocess.run(
            ["ps", "-o", "pid=", "--ppid", str(self.process.pid)],
            capture_output=True,
            text=True,
            check=False,
        ).stdout
        return [int(pid) for pid in out.split()]

    def wait_ready(self, timeout: float = READY_TIMEOUT) -> None:
        try:
            wait_until(
                lambda: f"{self.hostname} ready." in self.log(),
                what=f"{self.hostname} to report ready",
                timeout=timeout,
                worker=self,
            )
        except ServiceError as exc:
            raise ServiceError(f"{exc}\n{self.log()}") from None

    def stop(self, timeout: float = STOP_TIMEOUT) -> None:
        """Warm shutdown (running tasks finish or go back to the queue), then force."""
        if self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            pass
        self.kill()

    def kill(self) -> None:
        """SIGKILL the main process and its pool at once: the machine is gone."""
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.process.wait()


def _celery(arguments: list[str], *, env: dict[str, str], log_path: Path, hostname: str) -> Worker:
    """``celery -A claimdesk <arguments>`` in a process group of its own, logging to a file."""
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            [sys.executable, "-m", "celery", "-A", "claimdesk", *arguments],
            cwd=REPO,
            env={**env, "PYTHONUNBUFFERED": "1"},
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    return Worker(process=process, log_path=log_path, hostname=hostname, env=env)


def start_worker(
    *,
    env: dict[str, str],
    log_path: Path,
    concurrency: int = 2,
    pool: str = "prefork",
    name: str = "it",
) -> Worker:
    """Start a worker on the queues of the pipeline and wait until it says it is ready.

    The one way a worker is started, by the integration tests and the benchmarks alike.
    ``env`` is its whole environment (DATABASE_URL, CELERY_BROKER_URL...). Gossip,
    mingle and heartbeat are off: they only slow start-up, and the tests use none.
    """
    hostname = f"{name}-{uuid.uuid4().hex[:10]}@{os.uname().nodename}"
    arguments = [
        "worker",
        "-Q",
        "default,detect",
        "-n",
        hostname,
        f"--pool={pool}",
        f"--concurrency={concurrency}",
        "--loglevel=INFO",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    worker = _celery(arguments, env=env, log_path=log_path, hostname=hostname)
    try:
        worker.wait_ready()
    except ServiceError:
        worker.kill()
        raise
    return worker


def start_beat(*, env: dict[str, str], log_path: Path, schedule: Path) -> Worker:
    """Start ``celery beat`` (the outbox flush and the sweeper); stop it with ``.stop()``."""
    arguments = ["beat", "--loglevel=INFO", f"--schedule={schedule}"]
    return _celery(arguments, env=env, log_path=log_path, hostname="beat")


# --- what the pipeline did ---------------------------------------------------------------------


def all_settled(ids: list[int]) -> bool:
    """Whether every article of ``ids`` is ``ready`` or ``failed`` (none still pending)."""
    from claims.models import Article

    return not Article.objects.filter(pk__in=ids).pending().exists()


def some_batch_scored(ids: list[int]) -> bool:
    """Whether a worker has scored a first batch of sentences of any of ``ids``."""
    from claims.models import Sentence

    return Sentence.objects.filter(article_id__in=ids, score__isnull=False).exists()


# --- a broker of our own -----------------------------------------------------------------------


class RedisServer:
    """A ``redis-server`` on a free port, data in ``directory``; stop and start it at will.

    Persistent by default, as in docker-compose.yml (append-only file): stopped
    cleanly, it comes back with the messages it held.
    """

    def __init__(self, directory: Path, *, persistent: bool = True) -> None:
        self.directory = directory
        self.port = free_port()
        self.persistent = persistent
        self.process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            raise ServiceError("redis-server is not installed")
        command = [
            binary,
            "--port",
            str(self.port),
            "--bind",
            "127.0.0.1",
            "--dir",
            str(self.directory),
            "--save",
            "",
            "--appendonly",
            "yes" if self.persistent else "no",
            "--logfile",
            str(self.directory / "redis.log"),
        ]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        wait_until(self._answers, what=f"redis-server on port {self.port}", timeout=READY_TIMEOUT)

    def stop(self) -> None:
        """A clean shutdown (SIGTERM): the server writes what it holds and exits."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        self.process.wait(timeout=STOP_TIMEOUT)

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise ServiceError(f"redis-server exited: {self.process.stderr.read()!r}")  # type: ignore[union-attr]
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(64).startswith(b"+PONG")
        except OSError:
            return False


# --- a database connection that can be cut -----------------------------------------------------


class TcpProxy:
    """Forwards ``127.0.0.1:port`` to ``target``; :meth:`cut` refuses and drops, :meth:`restore`.

    One thread moves the bytes with a selector. While cut, nothing listens on the
    port, so a new connection is refused at once, as from a database that is down.
    """

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = free_port()
        self._selector = selectors.DefaultSelector()
        self._listener: socket.socket | None = None
        self._peers: dict[socket.socket, socket.socket] = {}
        self._wake_read, self._wake_write = socket.socketpair()
        self._want_open = True
        self._closed = False
        self._applied = threading.Event()
        self._thread = threading.Thread(target=self._run, name="tcp-proxy", daemon=True)

    def start(self) -> None:
        self._selector.register(self._wake_read, selectors.EVENT_READ, "wake")
        self._thread.start()
        self._set(open_=True)

    def cut(self) -> None:
        """Drop every open connection and refuse new ones until :meth:`restore`."""
        self._set(open_=False)

    def restore(self) -> None:
        self._set(open_=True)

    def close(self) -> None:
        self._closed = True
        self._set(open_=False)
        self._thread.join(timeout=STOP_TIMEOUT)

    def _set(self, *, open_: bool) -> None:
        self._applied.clear()
        self._want_open = open_
        self._wake_write.send(b"x")
        if not self._applied.wait(timeout=STOP_TIMEOUT):
            raise ServiceError("the proxy did not apply the change")

    def _run(self) -> None:
        while True:
            for key, _ in self._selector.select(timeout=0.5):
                if key.data == "wake":
                    self._wake_read.recv(64)
                    self._apply()
                elif key.data == "listen":
                    self._accept()
                else:
                    self._pump(key.fileobj)  # type: ignore[arg-type]
            if self._closed and self._listener is None and not self._peers:
                return

    def _apply(self) -> None:
        if self._want_open and self._listener is None:
            listener = socket.socket()
            listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            listener.bind(("127.0.0.1", self.port))
            listener.listen(64)
            self._listener = listener
            self._selector.register(listener, selectors.EVENT_READ, "listen")
        elif not self._want_open:
            if self._listener is not None:
                self._selector.unregister(self._listener)
                self._listener.close()
                self._listener = None
            for sock in list(self._peers):
                self._drop(sock)
        self._applied.set()

    def _accept(self) -> None:
        assert self._listener is not None
        client, _ = self._listener.accept()
        try:
            upstream = socket.create_connection(self.target, timeout=5)
        except OSError:
            client.close()
            return
        upstream.settimeout(None)
        self._peers[client], self._peers[upstream] = upstream, client
        self._selector.register(client, selectors.EVENT_READ, "pipe")
        self._selector.register(upstream, selectors.EVENT_READ, "pipe")

    def _pump(self, sock: socket.socket) -> None:
        peer = self._peers.get(sock)
        if peer is None:
            return
        try:
            data = sock.recv(65536)
            if data:
                peer.sendall(data)
                return
        except OSError:
            pass
        self._drop(sock)

    def _drop(self, sock: socket.socket) -> None:
        peer = self._peers.pop(sock, None)
        for one in (sock, peer):
            if one is None:
                continue
            self._peers.pop(one, None)
            try:
                self._selector.unregister(one)
            except (KeyError, ValueError):
                pass
            one.close()


def database_proxy() -> TcpProxy:
    """A started :class:`TcpProxy` in front of the database this process's Django uses."""
    from django.db import connection

    settings = connection.settings_dict
    proxy = TcpProxy((settings["HOST"] or "127.0.0.1", int(settings["PORT"] or 5432)))
    proxy.start()
    return proxy


def through_proxy(database_url: str, proxy: TcpProxy) -> str:
    """The same database URL, reached through the proxy on 127.0.0.1."""
    parsed = urlparse(database_url)
    auth = parsed.netloc.rsplit("@", 1)[0] + "@" if "@" in parsed.netloc else ""
    return urlunparse(parsed._replace(netloc=f"{auth}127.0.0.1:{proxy.port}"))


def point_celery_at(url: str | None) -> None:
    """Send this process's Celery messages to ``url`` from now on."""
    from claimdesk.celery import app as celery_app

    celery_app.conf.broker_url = url
    # The producer pool is built lazily from broker_url and then cached; drop it so
    # the next send connects to the new URL rather than to a pool made for the old one.
    if celery_app._pool is not None:
        celery_app._pool.force_close_all()
        celery_app._pool = None
    celery_app.amqp._producer_pool = None
    # kombu also keeps a producer pool per connection in a registry of its own; one made
    # for this URL before (and closed with the pool above) would be handed out again.
    kombu.pools.reset()
