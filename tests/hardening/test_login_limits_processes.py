"""Two web processes on one database, as two gunicorn workers are: the failed sign-ins one of
them counts hold at the other. With Flask-Limiter's memory store each counted alone, and ten
guesses at each passed."""

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SERVER = """
import sys
from werkzeug.serving import make_server
from tracker import create_app
app = create_app({"WTF_CSRF_ENABLED": False})
make_server("127.0.0.1", int(sys.argv[1]), app, threaded=True).serve_forever()
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _post(base: str, password: str) -> tuple[int, str]:
    data = urllib.parse.urlencode({"email": "office@tracker.demo", "password": password})
    request = urllib.request.Request(f"{base}/login", data=data.encode())
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_until_up(base: str, process: subprocess.Popen, log: Path) -> None:
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"the web process stopped: {log.read_text()[-2000:]}")
        try:
            urllib.request.urlopen(f"{base}/login", timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    pytest.fail(f"nothing answered at {base} within 30 s")


@pytest.fixture
def workers(database_url: str, tmp_path) -> Iterator[list[str]]:
    """Two web processes on the test's copy of the seeded database."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DATABASE_URL": database_url,
        "TRACKER_SECRET_KEY": "test",
    }
    processes, bases = [], []
    try:
        for n in range(2):
            port, log = _free_port(), tmp_path / f"web{n}.log"
            with log.open("w") as output:
                process = subprocess.Popen(
                    [sys.executable, "-c", SERVER, str(port)], cwd=ROOT, env=env,
                    stdout=output, stderr=subprocess.STDOUT,
                )  # fmt: skip
            processes.append(process)
            bases.append(f"http://127.0.0.1:{port}")
            _wait_until_up(bases[-1], process, log)
        yield bases
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)


def test_two_processes_share_the_count_of_failed_sign_ins(workers):
    first, second = workers
    statuses = [_post(workers[n % 2], "wrong")[0] for n in range(10)]
    assert statuses == [401] * 10
    status, page = _post(first, "wrong")
    assert status == 429
    assert "Tài khoản này đã đăng nhập sai quá nhiều lần. Vui lòng thử lại sau 15 phút." in page
    status, page = _post(second, "demo1234")
    assert status == 429
    assert "Vui lòng thử lại sau 15 phút." in page
