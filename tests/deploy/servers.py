"""Real servers for the deployment tests: free ports, waiting for an answer, and nginx run with
deploy/nginx.conf, only the addresses of its upstream and of `listen` changed."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
UPSTREAM_SERVERS = re.compile(r"(upstream tracker \{\n(?:\s*#.*\n)*)((?:\s*server .*\n)+)")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{process.args[0]} stopped: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {url} within 30 s")


def upstream_ports(site: str) -> list[int]:
    """The ports of the upstream's servers in a site configuration."""
    servers = UPSTREAM_SERVERS.search(site)
    assert servers, "deploy/nginx.conf has no `upstream tracker` block"
    return [int(port) for port in re.findall(r"server 127\.0\.0\.1:(\d+);", servers.group(2))]


def nginx_config(tmp_path: Path, upstreams: list[str], port: int, changes: dict[str, str]) -> Path:
    """deploy/nginx.conf in a whole nginx configuration under tmp_path; its path."""
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: apt-get install nginx-light (.ci/run does it)")
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = "".join(f"    server {address};\n" for address in upstreams)
    site = UPSTREAM_SERVERS.sub(lambda found: found.group(1) + servers, site, count=1)
    site = site.replace("listen 80;", f"listen 127.0.0.1:{port};")
    for old, new in changes.items():
        assert old in site
        site = site.replace(old, new)
    (tmp_path / "site.conf").write_text(site)
    user = "user root;" if os.geteuid() == 0 else ""  # nobody could not enter tmp_path
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"""{user} daemon off; worker_processes 1; pid {tmp_path}/nginx.pid;
        error_log {tmp_path}/nginx.log;
        events {{ worker_connections 512; }}
        http {{
            access_log off;
            client_body_temp_path {tmp_path}/body; proxy_temp_path {tmp_path}/proxy;
            fastcgi_temp_path {tmp_path}/fastcgi; uwsgi_temp_path {tmp_path}/uwsgi;
            scgi_temp_path {tmp_path}/scgi;
            include {tmp_path}/site.conf;
        }}"""
    )
    return config


def run_nginx(
    tmp_path: Path, upstreams: list[str], changes: dict[str, str] | None = None
) -> Iterator[str]:
    """nginx in front of these addresses; yields its base URL, stops it afterwards."""
    port = free_port()
    config = nginx_config(tmp_path, upstreams, port, changes or {})
    process = subprocess.Popen([NGINX, "-p", str(tmp_path), "-c", str(config)])
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/healthz", process, tmp_path / "nginx.log")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)
