"""The files of deploy/ are accepted by the programs that read them: nginx (`nginx -t`) takes
deploy/nginx.conf as it is, systemd (`systemd-analyze verify`) takes the units, and every command
the units start parses its arguments. The upstream names the ports deploy/cluster.sh starts."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .servers import NGINX, ROOT, upstream_ports

UNITS = ROOT / "deploy" / "systemd"
INSTANCES = {
    "tracker-web@.service": "tracker-web@8000.service",
    "tracker-delivery@.service": "tracker-delivery@1.service",
    "tracker-scheduler@.service": "tracker-scheduler@1.service",
    "tracker.target": "tracker.target",
}
VENV_BIN = Path(sys.executable).parent


def test_nginx_accepts_the_configuration_as_it_is(tmp_path):
    if not Path(NGINX).exists():
        pytest.fail("nginx is missing: apt-get install nginx-light (.ci/run does it)")
    (tmp_path / "nginx.conf").write_text(
        f"""pid {tmp_path}/nginx.pid; error_log {tmp_path}/error.log;
        events {{ }}
        http {{ include {ROOT / "deploy" / "nginx.conf"}; }}"""
    )
    checked = subprocess.run(
        [NGINX, "-t", "-p", str(tmp_path), "-c", str(tmp_path / "nginx.conf")],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    assert "test is successful" in checked.stderr


def test_the_upstream_is_the_web_processes_the_cluster_script_starts():
    site = (ROOT / "deploy" / "nginx.conf").read_text()
    script = (ROOT / "deploy" / "cluster.sh").read_text()
    default_ports = re.search(r"ports=\$\{CLUSTER_WEB_PORTS:-([\d ]+)\}", script)
    assert default_ports, "deploy/cluster.sh no longer says its default ports"
    assert upstream_ports(site) == [int(port) for port in default_ports.group(1).split()]
    assert len(upstream_ports(site)) == 2


def installed_units(folder: Path) -> list[Path]:
    """The units as an installation in /opt/tracker would have them, pointed at this checkout,
    its virtualenv and the example environment file."""
    paths = []
    for template, instance in INSTANCES.items():
        text = (UNITS / template).read_text()
        text = text.replace("/opt/tracker/.venv/bin", str(VENV_BIN))
        text = text.replace("/opt/tracker", str(ROOT))
        text = text.replace("/etc/tracker/tracker.env", str(UNITS / "tracker.env.example"))
        (folder / instance).write_text(text)
        paths.append(folder / instance)
    return paths


def test_systemd_accepts_the_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.fail("systemd-analyze is missing: apt-get install systemd (.ci/run does it)")
    checked = subprocess.run(
        [analyze, "verify", "--man=no", *map(str, installed_units(tmp_path))],
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0 and not checked.stderr.strip(), checked.stderr


def exec_start(unit: Path) -> list[str]:
    line = next(line for line in unit.read_text().splitlines() if line.startswith("ExecStart="))
    return shlex.split(line.removeprefix("ExecStart="))


def test_the_units_commands_take_their_arguments(tmp_path):
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "TRACKER_DATABASE_URL": f"sqlite:///{tmp_path / 'units.sqlite'}",
        "TRACKER_WEB_HOST": "127.0.0.1",
    }
    for unit in installed_units(tmp_path):
        if unit.suffix != ".service":
            continue
        command = [part.replace("%i", "8000") for part in exec_start(unit)]
        command = [os.path.expandvars(part) for part in command]
        # gunicorn loads the application and checks its settings; flask parses the options.
        check = "--check-config" if command[0].endswith("gunicorn") else "--help"
        result = subprocess.run(
            [*command, check], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
        )
        assert result.returncode == 0, (unit.name, result.stdout, result.stderr)
