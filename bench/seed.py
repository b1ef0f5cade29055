"""Seeding the hub through its REST API: users and shares of alice's server.

Requests go straight to the hub's own port (not through the proxy) with one
keep-alive connection per worker thread, as the LocalHub's ``e2e-admin``
service. Users are created in batches (``POST users`` with ``usernames``);
shares are granted one request each (``POST shares/alice/ {"user": name}``),
several in flight at once.
"""

from __future__ import annotations

import http.client
import json
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import quote

USER_PREFIX = "bench-u"
USER_BATCH = 500
WORKERS = 8


def bench_user(i: int) -> str:
    return f"{USER_PREFIX}{i:05d}"


class Seeder:
    def __init__(self, hub, owner: str = "alice"):
        self.hub = hub
        self.owner = owner
        self.host = "127.0.0.1"
        self.port = hub.hub_port
        self.prefix = f"{hub.base_url}hub/api/"
        self.local = threading.local()
        self.users = 0  # bench users created: bench_user(0 .. users-1)
        self.granted = 0  # shares granted to bench_user(0 .. granted-1)
        self.seconds = {"users": 0.0, "shares": 0.0}

    def _conn(self) -> http.client.HTTPConnection:
        conn = getattr(self.local, "conn", None)
        if conn is None:
            conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            self.local.conn = conn
        return conn

    def request(self, method: str, path: str, body=None) -> tuple[int, object]:
        headers = {"Authorization": f"token {self.hub.token}"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(3):
            conn = self._conn()
            try:
                conn.request(method, self.prefix + path, body=data, headers=headers)
                resp = conn.getresponse()
                raw = resp.read()
                break
            except (http.client.HTTPException, OSError):
                conn.close()
                self.local.conn = None
                if attempt == 2:
                    raise
                time.sleep(0.2)
        try:
            parsed = json.loads(raw) if raw else None
        except ValueError:
            parsed = None
        return resp.status, parsed

    def ensure_users(self, n: int) -> None:
        t0 = time.monotonic()
        while self.users < n:
            batch = [bench_user(i) for i in range(self.users, min(n, self.users + USER_BATCH))]
            status, body = self.request("POST", "users", {"usernames": batch})
            if status not in (201, 409):
                raise RuntimeError(f"POST users -> {status} {body}")
            self.users += len(batch)
        self.seconds["users"] += time.monotonic() - t0

    def _grant(self, name: str) -> None:
        status, body = self.request(
            "POST", f"shares/{quote(self.owner, safe='')}/", {"user": name}
        )
        if status != 200:
            raise RuntimeError(f"POST shares/{self.owner}/ user={name} -> {status} {body}")

    def ensure_shares(self, n: int) -> None:
        """Exactly ``n`` users hold a share of the owner's default server
        (and exactly ``n`` bench users exist)."""
        self.ensure_users(n)
        if n < self.granted:
            raise ValueError("shares only grow during a run")
        t0 = time.monotonic()
        names = [bench_user(i) for i in range(self.granted, n)]
        if names:
            with ThreadPoolExecutor(WORKERS) as pool:
                list(pool.map(self._grant, names))
        self.granted = n
        self.seconds["shares"] += time.monotonic() - t0
        got = self.count_shares()
        if got != n:
            raise RuntimeError(f"expected {n} shares of {self.owner}, the hub lists {got}")

    def count_shares(self) -> int:
        total, offset = 0, 0
        while True:
            status, page = self.request(
                "GET", f"shares/{quote(self.owner, safe='')}/?offset={offset}&limit=200"
            )
            if status != 200:
                raise RuntimeError(f"GET shares -> {status} {page}")
            total += len(page["items"])
            nxt = page["_pagination"].get("next")
            if not nxt:
                return total
            offset = nxt["offset"]

    def first_page_size(self) -> int:
        """How many shares one ``GET shares/alice/`` without paging
        parameters returns: what jupyter-collaboration's dialog shows."""
        status, page = self.request("GET", f"shares/{quote(self.owner, safe='')}/")
        if status != 200:
            raise RuntimeError(f"GET shares -> {status} {page}")
        return len(page["items"])
