"""Gunicorn's configuration for production and `make run` alike, from the environment.

    gunicorn -c python:sporskifte.ops.gunicorn_conf sporskifte.web.wsgi:application

| variable | default | meaning |
|---|---|---|
| `HOST`, `PORT` | 127.0.0.1, 8000 | where to listen (behind the TLS proxy) |
| `WEB_CONCURRENCY` | 2 × cores + 1, at most 8 | worker processes |
| `GUNICORN_THREADS` | 4 | threads per worker (gthread) |
| `GUNICORN_TIMEOUT` | 60 | seconds before a silent worker is killed and replaced |
| `GUNICORN_GRACEFUL_TIMEOUT` | 30 | seconds a worker gets to finish its requests on restart |
| `GUNICORN_KEEPALIVE` | 5 | seconds to hold an idle keep-alive connection |
| `GUNICORN_MAX_REQUESTS` | 2000 | recycle a worker after this many requests (with jitter) |

Graceful restart: `kill -HUP <master pid>` reloads the code and starts new workers before the
old ones finish; `kill -TERM` stops after the requests in flight (`GUNICORN_GRACEFUL_TIMEOUT`).
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from typing import Any

from sporskifte.lib.env import env_int, env_str

_host = env_str("HOST") or "127.0.0.1"
_port = env_int("PORT", 8000)
bind = [f"[{_host}]:{_port}" if ":" in _host else f"{_host}:{_port}"]
workers = env_int("WEB_CONCURRENCY", min(2 * multiprocessing.cpu_count() + 1, 8))
worker_class = "gthread"
threads = env_int("GUNICORN_THREADS", 4)
timeout = env_int("GUNICORN_TIMEOUT", 60)
graceful_timeout = env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = env_int("GUNICORN_KEEPALIVE", 5)
max_requests = env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max(1, max_requests // 10) if max_requests else 0
# Load the app once in the master: workers fork with Django set up, and a broken release
# fails at start rather than in every worker.
preload_app = True
accesslog = "-"
errorlog = "-"
loglevel = (env_str("LOG_LEVEL") or "info").lower()
# The access log carries no query strings: they may hold search terms (names, CPR numbers).
access_log_format = '%(h)s "%(m)s %(U)s %(H)s" %(s)s %(B)s %(M)sms'
forwarded_allow_ips = env_str("FORWARDED_ALLOW_IPS") or "127.0.0.1"
proc_name = "sporskifte"


def when_ready(server: Any) -> None:
    """Import every view in the master before the workers fork (they share the memory and
    answer their first request at once), then say where the app really listens (the port
    may be 0: a free one)."""
    if preload_app:
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 - importing the views is the point
    for listener in server.LISTENERS:
        host, port = listener.sock.getsockname()[:2]
        shown = f"[{host}]" if ":" in host else host
        print(f"Sporskifte serves on http://{shown}:{port}/", file=sys.stderr, flush=True)
    os.environ.setdefault("SPORSKIFTE_SERVER", "gunicorn")
