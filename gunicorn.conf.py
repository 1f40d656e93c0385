"""Production settings of the web workers; gunicorn reads this file from the directory it starts
in, so `gunicorn` alone serves the tracker (README, "Deployment for a province").

Threaded workers (gthread), not gunicorn's default sync workers: a sync worker serves one
connection at a time, so as many clients as there are workers, opening a connection and sending
nothing, held every other request until the worker timeout. A gthread worker gives a new
connection at most 5 s of one thread to start its request, then parks it in its poller, while
its other threads serve the requests that are ready. Threads suit the tracker: a request mostly
waits on the database, and the GIL is released meanwhile. A client that stalls in the middle of
its request head would still hold a thread: in production nginx stands in front
(deploy/nginx.conf) and hands gunicorn whole requests only.
"""

import os

wsgi_app = "wsgi:app"
bind = os.environ.get("TRACKER_BIND", "127.0.0.1:8000")
#: One worker per core by default; WEB_CONCURRENCY (gunicorn's own variable) overrides it.
workers = int(os.environ.get("WEB_CONCURRENCY", os.cpu_count() or 2))
worker_class = "gthread"
threads = int(os.environ.get("TRACKER_THREADS", "8"))
#: Connections the kernel holds for gunicorn before it accepts them (default 2048). Kept short:
#: a request that waits behind a long queue times out anyway; nginx in front refuses what is
#: beyond capacity with a quick 503 and Retry-After (deploy/nginx.conf, `limit_conn`).
backlog = int(os.environ.get("TRACKER_BACKLOG", "128"))
#: A request that takes longer than this is a fault: the worker is restarted.
timeout = 30
graceful_timeout = 30
#: How long a kept-alive connection may wait for its next request.
keepalive = 5
#: Bounds on a request's head: a longer line or more headers get 4xx before the app runs.
limit_request_line = 8190
limit_request_fields = 100
limit_request_field_size = 8190
