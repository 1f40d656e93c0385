"""The production recipe serves a request while idle and slow clients hold connections open:
gunicorn with gunicorn.conf.py, behind nginx with deploy/nginx.conf. With gunicorn's default
sync workers, two clients that opened a connection and sent nothing stalled the whole site
until the worker timeout (30 s)."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator

import pytest

from .servers import ROOT, free_port, run_nginx, wait_until_up

#: How long a client waits for an answer. A request that idle clients hold back waits 5 s or
#: more (a sync worker waits that long on each silent connection before the next); one that
#: is not held back is answered in milliseconds.
CLIENT_TIMEOUT = 4


@pytest.fixture
def gunicorn(tmp_path) -> Iterator[str]:
    """gunicorn started as the README says, from the repository root, on a scratch database."""
    port, log = free_port(), tmp_path / "gunicorn.log"
    env = {
        **os.environ,
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'web.sqlite'}",
        "TRACKER_SECRET_KEY": "test",
        "TRACKER_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
    }
    with log.open("w") as output:
        process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "--no-control-socket"],
            cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT,
        )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def nginx(gunicorn, tmp_path) -> Iterator[str]:
    """nginx with deploy/nginx.conf in front of that gunicorn, only its addresses changed."""
    yield from run_nginx(tmp_path, [gunicorn.removeprefix("http://")])


@pytest.fixture
def small_nginx(gunicorn, tmp_path) -> Iterator[str]:
    """The same nginx, letting only one request at a time through to gunicorn."""
    yield from run_nginx(
        tmp_path,
        [gunicorn.removeprefix("http://")],
        {"limit_conn tracker_requests 64;": "limit_conn tracker_requests 1;"},
    )


def _connect(base: str) -> socket.socket:
    host, port = base.removeprefix("http://").split(":")
    return socket.create_connection((host, int(port)), timeout=CLIENT_TIMEOUT)


def _served(base: str) -> bool:
    with urllib.request.urlopen(f"{base}/healthz", timeout=CLIENT_TIMEOUT) as response:
        return response.status == 200 and b'"ok"' in response.read()


def test_gunicorn_serves_a_request_while_idle_clients_hold_connections(gunicorn) -> None:
    # More connections than workers, fewer than a worker's threads.
    idle = [_connect(gunicorn) for _ in range(6)]
    try:
        assert _served(gunicorn)
    finally:
        for connection in idle:
            connection.close()


def test_behind_nginx_idle_and_stalled_clients_do_not_reach_the_workers(nginx) -> None:
    idle = [_connect(nginx) for _ in range(50)]
    stalled = [_connect(nginx) for _ in range(50)]  # half a request head, then nothing
    for connection in stalled:
        connection.sendall(b"GET /healthz HTTP/1.1\r\nHost: tracker\r\n")
    try:
        assert _served(nginx)
    finally:
        for connection in idle + stalled:
            connection.close()


def test_a_request_head_over_gunicorns_limits_is_refused_before_the_app(gunicorn) -> None:
    connection = _connect(gunicorn)
    try:
        connection.sendall(b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: tracker\r\n\r\n")
        assert connection.recv(64).startswith(b"HTTP/1.1 414")
    finally:
        connection.close()


def test_beyond_capacity_a_request_is_refused_at_once_with_retry_after(small_nginx) -> None:
    """One request holds the only place (its head has arrived, its body is slow to come): the
    next is told 503 and when to come back, instead of queueing until it times out."""
    holding = _connect(small_nginx)
    holding.sendall(
        b"POST /login HTTP/1.1\r\nHost: tracker\r\nContent-Length: 100\r\n"
        b"Content-Type: application/x-www-form-urlencoded\r\n\r\n"
    )
    time.sleep(0.5)  # nginx has read that head: the request is in flight
    try:
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(f"{small_nginx}/healthz", timeout=CLIENT_TIMEOUT)
        assert refused.value.code == 503
        assert refused.value.headers["Retry-After"] == "5"
        refused.value.close()
    finally:
        holding.close()
    for _ in range(20):  # the place is free again once the holder left
        try:
            if _served(small_nginx):
                break
        except urllib.error.HTTPError as busy:
            busy.close()
            time.sleep(0.1)
    else:
        pytest.fail("the place held by a closed connection was never freed")
