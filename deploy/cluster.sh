#!/usr/bin/env bash
# Every process of the tracker, as two servers run them, on this machine: two web processes
# (gunicorn with gunicorn.conf.py, one per port), two delivery workers and two schedulers, all on
# the one database of TRACKER_DATABASE_URL. Nothing is shared between them but that database:
# sessions are rows in it, signed with the one TRACKER_SECRET_KEY; delivery workers claim each
# digest in it before sending; only the scheduler holding its lock runs the jobs, the other
# waits to take over. Production runs the same commands as systemd units (deploy/systemd/,
# docs/deployment.md); this script is for trying the set on one machine and for the test that
# checks it (tests/deploy/test_cluster.py).
#
#   TRACKER_DATABASE_URL=postgresql+psycopg://tracker@db/tracker TRACKER_SECRET_KEY=… \
#       deploy/cluster.sh
#
# Each process writes its output to CLUSTER_DIR/<name>.log and its pid to CLUSTER_DIR/<name>.pid.
# Ctrl-C or SIGTERM stops them all, and so does the end of any one of them (the script then
# exits with status 1): a set with a process missing is not left running unnoticed.
#
#   CLUSTER_DIR               logs and pids (default: instance/cluster)
#   CLUSTER_WEB_PORTS         the web processes' ports on 127.0.0.1 (default: "8000 8001",
#                             the upstream of deploy/nginx.conf)
#   CLUSTER_DELIVERY_WORKERS  delivery workers (default 2)
#   CLUSTER_DELIVERY_EVERY    seconds between a worker's runs (default 30)
#   CLUSTER_DELIVERY_BATCH    digests a worker claims at a time (default 100)
#   CLUSTER_SCHEDULERS        schedulers (default 2: one runs the jobs, one stands by)
#   PYTHON                    the interpreter with the tracker installed (default: .venv's)
# The TRACKER_* settings (mail server, base URL, WEB_CONCURRENCY…) pass through to every process.
set -euo pipefail
cd "$(dirname "$0")/.."

: "${TRACKER_DATABASE_URL:?set TRACKER_DATABASE_URL: the one database every process shares}"
: "${TRACKER_SECRET_KEY:?set TRACKER_SECRET_KEY: every web process must sign sessions alike}"
export TRACKER_DATABASE_URL TRACKER_SECRET_KEY
dir=${CLUSTER_DIR:-instance/cluster}
ports=${CLUSTER_WEB_PORTS:-8000 8001}
delivery_workers=${CLUSTER_DELIVERY_WORKERS:-2}
every=${CLUSTER_DELIVERY_EVERY:-30}
batch=${CLUSTER_DELIVERY_BATCH:-100}
schedulers=${CLUSTER_SCHEDULERS:-2}
if [ -z "${PYTHON:-}" ]; then
  PYTHON=python3
  [ -x .venv/bin/python ] && PYTHON=.venv/bin/python
fi
flask=("$PYTHON" -m flask --app tracker)
export PYTHONUNBUFFERED=1  # each log line reaches its file as it is written
mkdir -p "$dir"

pids=()
start() {  # start NAME COMMAND…: in the background, output in NAME.log, pid in NAME.pid
  local name=$1
  shift
  "$@" >"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  pids+=($!)
}

stop_all() {
  trap - EXIT INT TERM
  echo "Stopping ${#pids[@]} processes." >&2
  kill -TERM "${pids[@]}" 2>/dev/null || true
  wait || true  # each one ends its request, its batch of mail or its job first
  for pid_file in "$dir"/*.pid; do
    rm -f "$pid_file"
  done
}
trap stop_all EXIT
trap 'exit 143' TERM
trap 'exit 130' INT

for port in $ports; do
  # --no-control-socket: gunicorn's control socket has one path per user, which a second
  # gunicorn on the machine would take over.
  start "web-$port" env TRACKER_BIND="127.0.0.1:$port" "$PYTHON" -m gunicorn --no-control-socket
done
for n in $(seq 1 "$delivery_workers"); do
  start "delivery-$n" "${flask[@]}" reminders deliver --every "$every" --batch-size "$batch"
done
for n in $(seq 1 "$schedulers"); do
  start "scheduler-$n" "${flask[@]}" scheduler run
done
echo "Running ${#pids[@]} processes (web on ${ports// /, }); logs and pids in $dir." >&2

set +e
wait -n
status=$?
echo "A process ended (status $status): stopping the others." >&2
exit 1
