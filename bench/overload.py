"""Whether overload is refused cleanly (issue 22): beyond capacity, a quick 503 with Retry-After.

`python -m bench overload`: gunicorn with the repository's gunicorn.conf.py (gthread, one
worker per core, 8 threads) on the 100,000-item SQLite database of bench.reports, behind nginx
with deploy/nginx.conf (only the upstream's servers and `listen` changed; `limit_conn` 64 turns
the 65th request at a time into 503 with Retry-After). wrk drives the office's overdue list with
8, 64 and 128 connections (15 s each, after a 3 s warm-up) and a Lua script counts the answers
by status and the 503s that carry Retry-After. During the 128-connection run, single requests
from Python, each on its own connection, time the refusal as a user sees it.
"""

from __future__ import annotations

import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from bench.reports import RESULTS, ROOT, _free_port, _wait_for, seed

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
PAGE = "/office/overdue"
CONNECTIONS = (8, 64, 128)
SECONDS = 15
PROBES = 20
QUICK_MS = 100  # a refusal slower than this is not "quick"
UPSTREAM_SERVERS = re.compile(r"(upstream tracker \{\n(?:\s*#.*\n)*)((?:\s*server .*\n)+)")

# wrk runs one Lua state per thread: each counts its own answers, done() (in the main state)
# gathers them through the threads that setup() saw.
COUNTING = """
local threads = {}
function setup(thread) table.insert(threads, thread) end
function init(args) statuses = {}; retry_after = 0 end
function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
  if status == 503 then
    for name, _ in pairs(headers) do
      if string.lower(name) == "retry-after" then retry_after = retry_after + 1 end
    end
  end
end
function done(summary, latency, requests)
  local total, retry = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do total[status] = (total[status] or 0) + n end
    retry = retry + thread:get("retry_after")
  end
  for status, n in pairs(total) do io.write(string.format("status %d %d\\n", status, n)) end
  io.write(string.format("retry-after %d\\n", retry))
end
"""


def nginx_config(directory: Path, upstream_port: int, port: int) -> Path:
    """deploy/nginx.conf as is but for its upstream and `listen`, in a whole configuration."""
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    servers = f"    server 127.0.0.1:{upstream_port};\n"
    site, found = UPSTREAM_SERVERS.subn(lambda m: m.group(1) + servers, site, count=1)
    if not found or "listen 80;" not in site:
        raise RuntimeError("deploy/nginx.conf has no `upstream tracker` block or `listen 80;`")
    (directory / "site.conf").write_text(site.replace("listen 80;", f"listen 127.0.0.1:{port};"))
    user = "user root;" if os.geteuid() == 0 else ""  # nobody could not enter the directory
    kinds = ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    temp = " ".join(f"{kind}_temp_path {directory}/{kind};" for kind in kinds)
    config = directory / "nginx.conf"
    config.write_text(
        f"""{user} daemon off; worker_processes auto; pid {directory}/nginx.pid;
        error_log {directory}/nginx.log;
        events {{ worker_connections 1024; }}
        http {{
            access_log off;
            {temp}
            include {directory}/site.conf;
        }}"""
    )
    return config


def wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} stopped: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(url, timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered at {url} within 30 s")


def _ms(value: str, unit: str) -> float:
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}[unit]


def parse_wrk(out: str) -> dict:
    """Figures of wrk's output with --latency and the counting script."""
    statuses = {int(s): int(n) for s, n in re.findall(r"^status (\d+) (\d+)$", out, re.M)}
    seconds = float(re.search(r"requests in ([\d.]+)s", out).group(1))
    percentiles = re.findall(r"^\s+(\d+)%\s+([\d.]+)(us|ms|s|m)\s*$", out, re.M)
    latency = {int(p): _ms(value, unit) for p, value, unit in percentiles}
    errors = re.search(r"Socket errors: (.*)", out)
    total = sum(statuses.values())
    ok = sum(n for status, n in statuses.items() if 200 <= status < 300)
    refused = statuses.get(503, 0)
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "ok_rps": ok / seconds,
        "statuses": statuses,
        "refused": refused,
        "share": refused / total if total else 0.0,
        "retry_after": int(re.search(r"^retry-after (\d+)$", out, re.M).group(1)),
        "latency": latency,
        "errors": errors.group(1).strip() if errors else "none",
    }


def wrk(base: str, auth: str, connections: int, seconds: int, script: Path) -> subprocess.Popen:
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "--timeout", "10s"]
    return subprocess.Popen(
        [*command, "-s", str(script), "-H", auth, base + PAGE],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )  # fmt: skip


def probe(url: str, token: str) -> tuple[float, int, bool]:
    """(ms until the whole answer, status, whether it carried Retry-After), on a new connection."""
    request = urllib.request.Request(url, headers={"Authorization": f"Bearer {token}"})
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            response.read()
            status, headers = response.status, response.headers
    except urllib.error.HTTPError as refusal:
        refusal.read()
        status, headers = refusal.code, refusal.headers
    return (time.perf_counter() - started) * 1000, status, headers.get("Retry-After") is not None


def measure(base: str, token: str, script: Path) -> tuple[dict[int, dict], list]:
    auth = f"Authorization: Bearer {token}"
    wrk(base, auth, 8, 3, script).communicate()  # warm-up
    figures, probes = {}, []
    for connections in CONNECTIONS:
        time.sleep(2)  # what the previous run left queued drains
        running = wrk(base, auth, connections, SECONDS, script)
        if connections == max(CONNECTIONS):
            time.sleep(3)
            for _ in range(PROBES):
                probes.append(probe(base + PAGE, token))
                time.sleep(0.4)
        out = running.communicate()[0]
        if running.returncode or "Requests/sec" not in out:
            raise RuntimeError(f"wrk -c{connections} failed:\n{out}")
        figures[connections] = parse_wrk(out)
    return figures, probes


def report(figures: dict[int, dict], probes: list) -> None:
    print(f"  wrk -t2 -d{SECONDS}s --latency --timeout 10s via nginx, {PAGE} as the office:")
    print("  connections   req/s   2xx/s   503 (share)      503 with Retry-After"
          "   p50 ms   p90 ms   p99 ms   socket errors")  # fmt: skip
    for connections, f in figures.items():
        p50, p90, p99 = (f["latency"].get(p, float("nan")) for p in (50, 90, 99))
        refused = f"{f['refused']} ({f['share']:.1%})"
        print(f"  {connections:11}  {f['rps']:6.0f}  {f['ok_rps']:6.0f}  {refused:>15}  "
              f"{f['retry_after']:>21}  {p50:7.1f}  {p90:7.1f}  {p99:7.1f}   "
              f"{f['errors']}")  # fmt: skip
        other = {s: n for s, n in f["statuses"].items() if s != 503 and not 200 <= s < 300}
        if other:
            print(f"  {'':11}  other statuses: {other}")
    c64, beyond = figures.get(64), figures[max(figures)]
    if c64 is not None and not c64["refused"]:
        print("  64 connections stayed within capacity: no 503 (limit_conn refuses the 65th)")
    times = [ms for ms, _, _ in probes]
    refusals = [ms for ms, status, retry in probes if status == 503 and retry]
    served = [ms for ms, status, _ in probes if 200 <= status < 300]
    statuses = sorted({status for _, status, _ in probes})
    print(f"  {len(probes)} single requests during wrk -c{max(figures)}: until the answer median "
          f"{statistics.median(times):.0f} ms, max {max(times):.0f} ms; {len(refusals)} were 503 "
          f"with Retry-After, {len(served)} served (statuses {statuses})")  # fmt: skip
    if served:
        print(f"    served: median {statistics.median(served):.0f} ms, max {max(served):.0f} ms")
    if not refusals:
        print("  beyond capacity: no single request got 503 with Retry-After (not ok)")
        return
    median = statistics.median(refusals)
    clean = (
        beyond["refused"] > 0
        and beyond["retry_after"] == beyond["refused"]
        and median < QUICK_MS
        and beyond["errors"] == "none"
    )
    print(f"  beyond capacity: 503 with Retry-After in {median:.1f} ms median, max "
          f"{max(refusals):.1f} ms ({'ok' if clean else 'not ok'})")  # fmt: skip


def main() -> None:
    if shutil.which("wrk") is None or not Path(NGINX).exists():
        print("  wrk or nginx is not installed (apt-get install -y wrk nginx-light): skipping")
        return
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / "reports-100000.sqlite"
    url = f"sqlite:///{path}"
    token = seed(url, 100_000)
    workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
    threads = int(os.environ.get("TRACKER_THREADS", "8"))
    print(f"  gunicorn.conf.py: {workers} gthread workers × {threads} threads; "
          "nginx: deploy/nginx.conf (limit_conn 64)")  # fmt: skip
    port, nginx_port = _free_port(), _free_port()
    env = {**os.environ, "TRACKER_DATABASE_URL": url, "TRACKER_SECRET_KEY": "bench"}
    gunicorn = [sys.executable, "-m", "gunicorn", "--no-control-socket", "--log-level", "warning"]
    server = subprocess.Popen([*gunicorn, "-b", f"127.0.0.1:{port}"], cwd=ROOT, env=env)
    try:
        _wait_for(port)
        with tempfile.TemporaryDirectory(prefix="bench-nginx-") as directory:
            directory = Path(directory)
            config = nginx_config(directory, port, nginx_port)
            nginx = subprocess.Popen([NGINX, "-p", str(directory), "-c", str(config)])
            try:
                base = f"http://127.0.0.1:{nginx_port}"
                wait_until_up(base + "/healthz", nginx, directory / "nginx.log")
                with (directory / "counting.lua").open("w") as script:
                    script.write(COUNTING)
                report(*measure(base, token, directory / "counting.lua"))
            finally:
                nginx.terminate()
                nginx.wait(timeout=30)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
