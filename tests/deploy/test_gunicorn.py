"""The production recipe serves a request while idle and slow clients hold connections open:
gunicorn with gunicorn.conf.py, behind nginx with deploy/nginx.conf. With gunicorn's default
sync workers, two clients that opened a connection and sent nothing stalled the whole site
until the worker timeout (30 s)."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
#: How long a client waits for an answer. A request that idle clients hold back waits 5 s or
#: more (a sync worker waits that long on each silent connection before the next); one that
#: is not held back is answered in milliseconds.
CLIENT_TIMEOUT = 4


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} stopped: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {url} within 30 s")


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
        _wait_until_up(f"{base}/healthz", process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def nginx(gunicorn, tmp_path) -> Iterator[str]:
    """nginx with deploy/nginx.conf in front of that gunicorn, only its two addresses changed."""
    yield from _nginx(gunicorn, tmp_path)


@pytest.fixture
def small_nginx(gunicorn, tmp_path) -> Iterator[str]:
    """The same nginx, letting only one request at a time through to gunicorn."""
    yield from _nginx(
        gunicorn, tmp_path, {"limit_conn tracker_requests 64;": "limit_conn tracker_requests 1;"}
    )


def _nginx(gunicorn: str, tmp_path: Path, changes: dict[str, str] | None = None) -> Iterator[str]:
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: apt-get install nginx-light (.ci/run does it)")
    port, log = free_port(), tmp_path / "nginx.log"
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    site = site.replace("server 127.0.0.1:8000;", f"server {gunicorn.removeprefix('http://')};")
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for old, new in (changes or {}).items():
        assert old in site
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    (tmp_path / "nginx.conf").write_text(
        f"""daemon off; worker_processes 1; pid {tmp_path}/nginx.pid; error_log {log};
        events {{ worker_connections 512; }}
        http {{
            access_log off;
            client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}"""
    )
    if os.geteuid() == 0:  # nginx's workers would run as nobody, who cannot enter tmp_path
        config = (tmp_path / "nginx.conf").read_text()
        (tmp_path / "nginx.conf").write_text("user root;\n" + config)
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")])
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_until_up(f"{base}/healthz", process, log)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


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
