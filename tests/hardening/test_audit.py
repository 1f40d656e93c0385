"""`make audit` says plainly that nothing was audited where PyPI cannot be reached, and does
not fail the build for it."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_audit_without_network_says_so_and_succeeds():
    # A proxy on a closed port: every request to PyPI is refused at once, as on a closed network.
    closed = "http://127.0.0.1:9"
    env = {
        **os.environ,
        "https_proxy": closed,
        "HTTPS_PROXY": closed,
        "no_proxy": "",
        "NO_PROXY": "",
    }
    result = subprocess.run(
        # `-o install`: use the environment running the tests, as it is.
        ["make", "--no-print-directory", "-o", "install", "audit", f"VENV={sys.prefix}"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "cannot be reached from here, so nothing was audited" in result.stdout
    assert "No known vulnerabilities found" not in result.stdout
