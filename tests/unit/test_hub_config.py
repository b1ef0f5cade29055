"""Unit tests for jupyterlab_user_sharing.hub (the jupyterhub_config.py helper).

Run from the project root:
    .venv/bin/python -m pytest tests/unit -v

The revocation hook is exercised against a tiny stdlib HTTP server on
127.0.0.1 standing in for the hub API; no JupyterHub process is started.
"""

from __future__ import annotations

import asyncio
import copy
import json
import logging
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import SimpleNamespace

import pytest
from traitlets.config import Config

from jupyterlab_user_sharing import hub as hub_module
from jupyterlab_user_sharing.hub import RevokeSharesOnStart, configure

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "0123456789abcdef" * 4
SERVER_SCOPES = ["access:servers!server", "shares!server", "users:shares!user"]


def roles_by_name(c):
    roles = c.JupyterHub.load_roles
    names = [r["name"] for r in roles]
    assert len(names) == len(set(names)), f"duplicate roles: {names}"
    return {r["name"]: r for r in roles}


def test_the_source_tree_is_under_test():
    assert Path(hub_module.__file__).resolve() == ROOT / "jupyterlab_user_sharing" / "hub.py"


# ---- config merging ---------------------------------------------------------


def test_fresh_config():
    c = Config()
    configure(c)
    roles = roles_by_name(c)
    assert roles["user"] == {"name": "user", "scopes": ["self", "shares!user"]}
    assert roles["user-sharing-revoker"] == {
        "name": "user-sharing-revoker",
        "scopes": ["shares"],
        "services": ["user-sharing-revoker"],
    }
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    [service] = c.JupyterHub.services
    assert service["name"] == "user-sharing-revoker"
    assert len(service["api_token"]) == 64
    int(service["api_token"], 16)  # secrets.token_hex(32)
    hook = c.Spawner.pre_spawn_hook
    assert isinstance(hook, RevokeSharesOnStart)
    assert hook.token == service["api_token"]
    assert hook.chained is None and hook.api_url is None
    assert "args" not in c.Spawner  # no cache age asked for: args untouched


def test_fresh_config_whose_values_were_only_read():
    # reading c.X.y on a fresh Config stores a LazyConfigValue
    c = Config()
    for value in (
        c.JupyterHub.load_roles,
        c.JupyterHub.services,
        c.Spawner.oauth_client_allowed_scopes,
        c.Spawner.pre_spawn_hook,
        c.Spawner.args,
    ):
        assert hasattr(value, "get_value")
    configure(c, auth_cache_max_age=20)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    assert [s["name"] for s in c.JupyterHub.services] == ["user-sharing-revoker"]
    assert c.Spawner.pre_spawn_hook.chained is None
    assert c.Spawner.args == ["--HubOAuth.cache_max_age=20"]


def test_lazy_appends_are_kept():
    c = Config()
    c.JupyterHub.load_roles.append({"name": "teachers", "scopes": ["admin:users"]})
    c.JupyterHub.services.append({"name": "culler", "command": ["cull"]})
    c.Spawner.oauth_client_allowed_scopes.append("read:users")
    c.Spawner.args.extend(["--debug"])
    configure(c, auth_cache_max_age=30)
    roles = roles_by_name(c)
    assert roles["teachers"] == {"name": "teachers", "scopes": ["admin:users"]}
    assert roles["user"]["scopes"] == ["self", "shares!user"]
    assert [s["name"] for s in c.JupyterHub.services] == ["culler", "user-sharing-revoker"]
    assert c.Spawner.oauth_client_allowed_scopes == ["read:users"] + SERVER_SCOPES
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=30"]


def test_existing_user_role_scopes_are_kept():
    c = Config()
    c.JupyterHub.load_roles = [
        {"name": "user", "scopes": ["self", "read:groups"], "description": "mine"},
        {"name": "admin-ish", "scopes": ["admin:servers"], "users": ["root"]},
    ]
    configure(c)
    roles = roles_by_name(c)
    assert roles["user"] == {
        "name": "user",
        "scopes": ["self", "read:groups", "shares!user"],
        "description": "mine",
    }
    assert roles["admin-ish"] == {"name": "admin-ish", "scopes": ["admin:servers"], "users": ["root"]}


def test_existing_user_role_without_self_does_not_gain_self():
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["read:users:name"]}]
    configure(c)
    # without self the role would lack what an invitee needs to leave
    assert roles_by_name(c)["user"]["scopes"] == [
        "read:users:name",
        "shares!user",
        "users:shares!user",
    ]


def test_an_invitees_browser_token_may_leave_the_server():
    # self holds users:shares!user; the server's OAuth client must allow it
    # too, or the hub drops it from the token JupyterLab holds
    c = Config()
    configure(c)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert "users:shares!user" in c.Spawner.oauth_client_allowed_scopes


def test_share_by_name_adds_the_name_scopes_to_role_and_token():
    c = Config()
    c.Spawner.oauth_client_allowed_scopes = ["read:users:name"]
    configure(c, share_by_name=True)
    configure(c, share_by_name=True)
    assert roles_by_name(c)["user"]["scopes"] == [
        "self",
        "shares!user",
        "read:users:name",
        "read:groups:name",
    ]
    assert c.Spawner.oauth_client_allowed_scopes == [
        "read:users:name",
        *SERVER_SCOPES,
        "read:groups:name",
    ]


def test_share_by_name_is_off_by_default():
    c = Config()
    configure(c)
    scopes = roles_by_name(c)["user"]["scopes"] + c.Spawner.oauth_client_allowed_scopes
    assert not [s for s in scopes if s.startswith(("read:users:name", "read:groups:name"))]


def test_share_by_name_extends_a_callable_allowed_scopes():
    async def scopes(spawner):
        return ["read:groups"]

    c = Config()
    c.Spawner.oauth_client_allowed_scopes = scopes
    configure(c)
    configure(c, share_by_name=True)
    wrapped = c.Spawner.oauth_client_allowed_scopes
    assert asyncio.run(wrapped(None)) == [
        "read:groups",
        *SERVER_SCOPES,
        "read:users:name",
        "read:groups:name",
    ]


def test_partial_user_role_keeps_the_default_self():
    # the hub merges a "user" role without "scopes" with its default (self)
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "users": ["x"]}]
    configure(c)
    assert roles_by_name(c)["user"] == {
        "name": "user",
        "users": ["x"],
        "scopes": ["self", "shares!user"],
    }


def test_no_duplicate_scopes():
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]
    c.Spawner.oauth_client_allowed_scopes = [
        "users:shares!user", "shares!server", "access:servers!server"
    ]
    configure(c)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert c.Spawner.oauth_client_allowed_scopes == [
        "users:shares!user", "shares!server", "access:servers!server"
    ]


def test_config_dicts_are_not_mutated_in_place():
    user_role = {"name": "user", "scopes": ["self"]}
    c = Config()
    c.JupyterHub.load_roles = [user_role]
    configure(c)
    assert user_role == {"name": "user", "scopes": ["self"]}


def test_existing_services_and_revoker_token_are_kept():
    c = Config()
    c.JupyterHub.services = [
        {"name": "culler", "command": ["cull"]},
        {"name": "user-sharing-revoker", "api_token": TOKEN, "display": False},
    ]
    c.JupyterHub.load_roles = [
        {"name": "user-sharing-revoker", "scopes": ["read:users"], "services": ["other"]}
    ]
    configure(c)
    assert c.JupyterHub.services == [
        {"name": "culler", "command": ["cull"]},
        {"name": "user-sharing-revoker", "api_token": TOKEN, "display": False},
    ]
    assert roles_by_name(c)["user-sharing-revoker"] == {
        "name": "user-sharing-revoker",
        "scopes": ["read:users", "shares"],
        "services": ["other", "user-sharing-revoker"],
    }
    assert c.Spawner.pre_spawn_hook.token == TOKEN


def test_explicit_service_name_and_token():
    c = Config()
    configure(c, service_name="revoker-2", service_token=TOKEN, hub_api_url="http://localhost:8081/hub/api")
    assert c.JupyterHub.services == [{"name": "revoker-2", "api_token": TOKEN}]
    assert roles_by_name(c)["revoker-2"]["services"] == ["revoker-2"]
    hook = c.Spawner.pre_spawn_hook
    assert (hook.token, hook.api_url) == (TOKEN, "http://localhost:8081/hub/api")


def test_existing_hook_is_chained():
    def old_hook(spawner):
        pass

    c = Config()
    c.Spawner.pre_spawn_hook = old_hook
    configure(c)
    assert c.Spawner.pre_spawn_hook.chained is old_hook


def test_calling_twice_is_harmless():
    def old_hook(spawner):
        pass

    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "read:groups"]}]
    c.JupyterHub.services = [{"name": "culler", "command": ["cull"]}]
    c.Spawner.oauth_client_allowed_scopes = ["read:users"]
    c.Spawner.args = ["--debug"]
    c.Spawner.pre_spawn_hook = old_hook
    configure(c, auth_cache_max_age=10)
    first = copy.deepcopy(c)
    configure(c, auth_cache_max_age=10)
    assert c.JupyterHub.load_roles == first.JupyterHub.load_roles
    assert c.JupyterHub.services == first.JupyterHub.services
    assert c.Spawner.oauth_client_allowed_scopes == first.Spawner.oauth_client_allowed_scopes
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=10"]
    hook = c.Spawner.pre_spawn_hook
    assert hook.chained is old_hook  # not wrapped twice
    assert hook.token == first.Spawner.pre_spawn_hook.token


def test_cache_age_is_replaced_not_duplicated():
    c = Config()
    c.Spawner.args = ["--HubOAuth.cache_max_age=300", "--debug"]
    configure(c, auth_cache_max_age=60)
    configure(c, auth_cache_max_age=15)
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=15"]
    with pytest.raises(ValueError):
        configure(c, auth_cache_max_age=-1)


def test_revoke_on_start_false_adds_only_scopes():
    c = Config()
    configure(c, revoke_on_start=False)
    assert list(roles_by_name(c)) == ["user"]
    assert "services" not in c.JupyterHub
    assert "pre_spawn_hook" not in c.Spawner
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES


def test_spawner_subclass_sections_that_override_are_merged_too():
    def kube_hook(spawner):
        pass

    c = Config()
    c.KubeSpawner.pre_spawn_hook = kube_hook
    c.KubeSpawner.args = ["--kube"]
    c.KubeSpawner.oauth_client_allowed_scopes = ["read:users"]
    c.DockerSpawner.image = "x"  # sets none of our keys: left alone
    configure(c, auth_cache_max_age=10)
    assert c.KubeSpawner.pre_spawn_hook.chained is kube_hook
    assert c.Spawner.pre_spawn_hook.chained is None
    assert c.KubeSpawner.args == ["--kube", "--HubOAuth.cache_max_age=10"]
    assert c.KubeSpawner.oauth_client_allowed_scopes == ["read:users"] + SERVER_SCOPES
    assert dict(c.DockerSpawner) == {"image": "x"}

    from jupyterhub.spawner import LocalProcessSpawner

    class KubeSpawner(LocalProcessSpawner):  # stands in for the real one
        pass

    spawner = KubeSpawner(config=c)
    assert spawner.pre_spawn_hook.chained is kube_hook
    assert spawner.args == ["--kube", "--HubOAuth.cache_max_age=10"]


def test_callable_allowed_scopes_are_wrapped():
    def sync_scopes(spawner):
        return ["read:users", "shares!server"]

    async def async_scopes(spawner):
        return ["read:groups"]

    for original, expected in (
        (sync_scopes, ["read:users", "shares!server", "access:servers!server", "users:shares!user"]),
        (async_scopes, ["read:groups"] + SERVER_SCOPES),
    ):
        c = Config()
        c.Spawner.oauth_client_allowed_scopes = original
        configure(c)
        configure(c)
        wrapped = c.Spawner.oauth_client_allowed_scopes
        assert wrapped.wrapped is original
        assert asyncio.run(wrapped(None)) == expected


def test_config_loads_into_a_real_spawner():
    from jupyterhub.spawner import LocalProcessSpawner

    def old_hook(spawner):
        pass

    c = Config()
    c.Spawner.pre_spawn_hook = old_hook
    configure(c, auth_cache_max_age=10)
    spawner = LocalProcessSpawner(config=c)  # traitlets deep-copies the values
    assert isinstance(spawner.pre_spawn_hook, RevokeSharesOnStart)
    assert spawner.pre_spawn_hook.chained is old_hook
    assert spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    assert spawner.args == ["--HubOAuth.cache_max_age=10"]


def test_import_needs_neither_jupyterhub_nor_jupyterlab():
    code = (
        "import sys; import jupyterlab_user_sharing, jupyterlab_user_sharing.hub;"
        "bad = [m for m in ('jupyterhub', 'jupyterlab', 'jupyter_server', 'tornado', 'traitlets')"
        " if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    # cwd=ROOT: import this source tree, not a copy installed in the venv
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_repr_hides_the_token():
    hook = RevokeSharesOnStart(TOKEN)
    assert TOKEN not in repr(hook)
    assert TOKEN not in repr(copy.deepcopy(hook))


# ---- the hook against a stand-in hub API -------------------------------------


class FakeHub:
    """A hub API stand-in on 127.0.0.1: records requests, answers like the hub."""

    def __init__(self):
        self.requests = []
        self.status = None  # force this status for every request
        self.delay = 0.0
        self.shares = [
            {"user": {"name": "bob"}, "group": None, "kind": "user"},
            {"user": None, "group": {"name": "staff"}, "kind": "group"},
        ]
        self.codes = [{"id": "sc_1"}]
        self.paginate = True
        hub = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self):
                hub.requests.append(
                    (self.command, self.path, self.headers.get("Authorization"), hub.now())
                )
                if hub.delay:
                    time.sleep(hub.delay)
                if hub.status:
                    return self._send(hub.status, {"status": hub.status, "message": "nope"})
                if self.command == "DELETE":
                    return self._send(204, None)
                items = hub.shares if "/shares/" in self.path else hub.codes
                if not hub.paginate:
                    return self._send(200, items)
                page = {"offset": 0, "limit": 200, "total": len(items), "next": None}
                return self._send(200, {"items": items, "_pagination": page})

            def _send(self, status, body):
                data = b"" if body is None else json.dumps(body).encode()
                self.send_response(status)
                if data:
                    self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_DELETE = do_POST = do_PATCH = _answer

        class Server(ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # clients that timed out and went away

        self.server = Server(("127.0.0.1", 0), Handler)
        self.api_url = f"http://127.0.0.1:{self.server.server_port}/hub/api"
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )
        self.thread.start()

    @staticmethod
    def now():
        return time.monotonic()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def hub():
    h = FakeHub()
    yield h
    h.close()


@pytest.fixture
def closed_port_url():
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"http://127.0.0.1:{port}/hub/api"


def make_spawner(api_url, owner="alice", server=""):
    return SimpleNamespace(
        user=SimpleNamespace(name=owner),
        name=server,
        hub=SimpleNamespace(api_url=api_url, certfile="", keyfile="", cafile=""),
        log=logging.getLogger("test.user_sharing"),
    )


def run(hook, spawner):
    """Run the hook as JupyterHub does (awaited on the hub's event loop).

    Returns how long the await took (asyncio.run itself also waits for the
    executor's threads when it closes the loop; the hub's loop never closes).
    """

    async def timed():
        t0 = time.monotonic()
        await hook(spawner)
        return time.monotonic() - t0

    return asyncio.run(timed())


def test_default_server(hub, caplog):
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    assert [(m, p) for m, p, _, _ in hub.requests] == [
        ("GET", "/hub/api/shares/alice/?limit=200"),
        ("GET", "/hub/api/share-codes/alice/?limit=200"),
        ("DELETE", "/hub/api/shares/alice/"),
        ("DELETE", "/hub/api/share-codes/alice/"),
    ]
    assert {auth for _, _, auth, _ in hub.requests} == {f"token {TOKEN}"}
    [record] = [r for r in caplog.records if r.name == "test.user_sharing"]
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert "alice/" in message and "bob" in message and "group staff" in message
    assert "1 share code" in message


@pytest.mark.parametrize(
    "owner, server, encoded",
    [
        ("a@b.c", "", "a%40b.c/"),
        ("alice", "my work", "alice/my%20work"),
        ("zoë smith", "ünï cödé", "zo%C3%AB%20smith/%C3%BCn%C3%AF%20c%C3%B6d%C3%A9"),
        ("x+y", "q?#%&/", "x%2By/q%3F%23%25%26%2F"),
        ("o'brien", "a(b)*!~-_.", "o'brien/a(b)*!~-_."),  # like encodeURIComponent
    ],
)
def test_names_are_percent_encoded(hub, owner, server, encoded):
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url, owner, server))
    deletes = [p for m, p, _, _ in hub.requests if m == "DELETE"]
    assert deletes == [f"/hub/api/shares/{encoded}", f"/hub/api/share-codes/{encoded}"]


def test_api_url_override_and_trailing_slash(hub, closed_port_url):
    hook = RevokeSharesOnStart(TOKEN, api_url=hub.api_url + "/")
    run(hook, make_spawner(closed_port_url))  # spawner.hub.api_url is not used
    assert [p for m, p, _, _ in hub.requests if m == "DELETE"] == [
        "/hub/api/shares/alice/",
        "/hub/api/share-codes/alice/",
    ]


def test_unpaginated_answers_are_understood(hub, caplog):
    hub.paginate = False
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    assert "bob, group staff and 1 share code" in caplog.text


def test_nothing_to_revoke_is_quiet(hub, caplog):
    hub.shares, hub.codes = [], []
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    assert len([m for m, *_ in hub.requests if m == "DELETE"]) == 2  # deletes anyway
    assert not [r for r in caplog.records if r.levelno >= logging.INFO]


def test_sync_chained_hook_runs_first(hub):
    calls = []

    def old_hook(spawner):
        calls.append((spawner.user.name, time.monotonic()))
        spawner.environment = {"FROM_OLD_HOOK": "1"}

    spawner = make_spawner(hub.api_url)
    run(RevokeSharesOnStart(TOKEN, chained=old_hook), spawner)
    assert [name for name, _ in calls] == ["alice"]
    assert spawner.environment == {"FROM_OLD_HOOK": "1"}
    assert calls[0][1] < hub.requests[0][3]
    assert len(hub.requests) == 4


def test_async_chained_hook_runs_first(hub):
    calls = []

    async def old_hook(spawner):
        await asyncio.sleep(0.01)
        calls.append(time.monotonic())

    run(RevokeSharesOnStart(TOKEN, chained=old_hook), make_spawner(hub.api_url))
    assert len(calls) == 1 and calls[0] < hub.requests[0][3]
    assert len(hub.requests) == 4


def test_failing_chained_hook_aborts_before_revoking(hub):
    def old_hook(spawner):
        raise RuntimeError("quota exceeded")

    with pytest.raises(RuntimeError, match="quota exceeded"):
        run(RevokeSharesOnStart(TOKEN, chained=old_hook), make_spawner(hub.api_url))
    assert hub.requests == []


def test_unreachable_hub_does_not_block_the_spawn(closed_port_url, caplog):
    elapsed = run(RevokeSharesOnStart(TOKEN, timeout=2), make_spawner(closed_port_url))
    assert elapsed < 2  # and no exception: the spawn goes on
    [record] = [r for r in caplog.records if r.name == "test.user_sharing"]
    assert record.levelno == logging.WARNING
    assert "could not revoke shares of alice/" in record.getMessage()
    assert "starting anyway" in record.getMessage()
    assert TOKEN not in caplog.text


@pytest.mark.parametrize("status", [403, 404, 500])
def test_hub_error_is_logged_not_raised(hub, caplog, status):
    hub.status = status
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    [record] = [r for r in caplog.records if r.name == "test.user_sharing"]
    assert record.levelno == logging.WARNING
    assert f"-> {status}" in record.getMessage() and "nope" in record.getMessage()


def test_slow_hub_times_out(hub, caplog):
    hub.delay = 3
    assert run(RevokeSharesOnStart(TOKEN, timeout=0.3), make_spawner(hub.api_url)) < 2
    assert "could not revoke shares of alice/" in caplog.text


def test_total_timeout_bounds_the_wait(hub, caplog):
    hub.delay = 0.4  # each of the 4 requests is under the per-request timeout
    hook = RevokeSharesOnStart(TOKEN, timeout=2, total_timeout=0.6)
    assert run(hook, make_spawner(hub.api_url)) < 1.0
    assert "TimeoutError" in caplog.text
    time.sleep(1.0)  # the worker thread stops after the request under way
    assert len(hub.requests) == 2
    assert all(method == "GET" for method, *_ in hub.requests)


def test_hook_from_configure_calls_the_hub(hub):
    calls = []
    c = Config()
    c.Spawner.pre_spawn_hook = lambda spawner: calls.append(spawner.name)
    configure(c, service_token=TOKEN, hub_api_url=hub.api_url)
    run(c.Spawner.pre_spawn_hook, make_spawner("http://unused.invalid/", server="work"))
    assert calls == ["work"]
    assert [(m, p, a) for m, p, a, _ in hub.requests if m == "DELETE"] == [
        ("DELETE", "/hub/api/shares/alice/work", f"token {TOKEN}"),
        ("DELETE", "/hub/api/share-codes/alice/work", f"token {TOKEN}"),
    ]


def test_proxy_settings_are_ignored(hub, monkeypatch):
    # the hub talks to itself: an HTTP(S)_PROXY of the hub's environment must not apply
    monkeypatch.setenv("http_proxy", "http://127.0.0.1:9/")
    monkeypatch.setenv("HTTP_PROXY", "http://127.0.0.1:9/")
    monkeypatch.delenv("no_proxy", raising=False)
    monkeypatch.delenv("NO_PROXY", raising=False)
    run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    assert len(hub.requests) == 4


def test_redirects_are_not_followed(hub, caplog):
    other = FakeHub()
    try:
        hub.status = 302

        original = hub.server.RequestHandlerClass.end_headers

        def end_headers(handler):
            if hub.status == 302:
                handler.send_header("Location", other.api_url + "/shares/alice/")
            original(handler)

        hub.server.RequestHandlerClass.end_headers = end_headers
        run(RevokeSharesOnStart(TOKEN), make_spawner(hub.api_url))
    finally:
        other.close()
    assert other.requests == []  # the token never went to the other server
    assert "-> 302" in caplog.text
