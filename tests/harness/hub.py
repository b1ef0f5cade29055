"""A real JupyterHub on loopback, for the demo and the end-to-end tests.

    with LocalHub() as hub:
        print(hub.url)              # http://127.0.0.1:<port>/  (the proxy)
        hub.start_server("alice")
        hub.wait_server_ready("alice")
        hub.grant_share("alice", "bob")

Everything (config, sqlite db, cookie secret, user homes, logs) lives in a
fresh temp dir. Only 127.0.0.1 is bound.

``hub_venv`` picks the environment the hub process itself runs from (default
``.venv``; ``.venv-hub5`` for JupyterHub 5.5). Single-user servers always run
``.venv/bin/jupyterhub-singleuser`` (JupyterLab + this extension), and the
proxy is always ``node_modules/.bin/configurable-http-proxy``.

``access_levels=True`` calls ``configure(c, access_levels=True)``: view-only
shares, the server extension's Authorizer and immediate revocation.

``subdomain_host="hub.test"`` runs every user's server on its own host
(``JupyterHub.subdomain_host = "http://hub.test:<port>"``: the hub at
``hub.test``, alice's server at ``alice.hub.test``). Nothing resolves those
names but a browser started with ``hub.chromium_args()``
(``--host-resolver-rules`` maps them to 127.0.0.1); ``hub.browser_url`` is
the hub's public URL for browsers, while ``hub.url`` (127.0.0.1) still
serves the harness's own API calls (the proxy sends every host to the hub).

``restartable=True`` runs the proxy outside the hub (started by the harness,
``ConfigurableHTTPProxy.should_start = False``, a fixed proxy auth token) and
sets ``cleanup_servers = False``: ``stop_hub()`` then stops only the hub
process while the proxy and the single-user servers keep running (the
proxy answers 503 for ``/hub/``), and ``start_hub()`` starts it again on the
same ports, database and config; it finds the running servers again.
"""

from __future__ import annotations

import atexit
import json as _json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import quote

from .procs import (
    MARKER_VAR,
    ROOT,
    VENV_BIN,
    free_port,
    is_root,
    new_marker,
    port_is_free,
    stop_tree,
    wait_http_ok,
)

DEMO_PASSWORD = "sharing-demo"
DEMO_USERS = ("alice", "bob", "carol")
ADMIN_SERVICE = "e2e-admin"


def chp_path() -> str:
    """configurable-http-proxy: $CHP_PATH, else <root>/node_modules/.bin/."""
    env = os.environ.get("CHP_PATH")
    path = Path(env) if env else ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
    if not path.exists():
        raise FileNotFoundError(
            f"configurable-http-proxy not found at {path}; run `npm install` in {ROOT} "
            "(devDependency configurable-http-proxy) or set CHP_PATH"
        )
    return str(path)


def seg(name: str) -> str:
    """Percent-encode one hub API path segment like encodeURIComponent."""
    return quote(name, safe="")


class HubError(RuntimeError):
    pass


class LocalHub:
    def __init__(
        self,
        *,
        base_url: str = "/",
        users: tuple[str, ...] | list[str] = (),
        extra_config: str = "",
        revoke_on_start: bool = True,
        env: dict[str, str] | None = None,
        port: int | None = None,
        cache_max_age: int | None = None,
        start_timeout: float = 60.0,
        keep_tmp: bool | None = None,
        hub_venv: Path | str | None = None,
        restartable: bool = False,
        access_levels: bool = False,
        subdomain_host: str | None = None,
    ):
        if not base_url.startswith("/"):
            base_url = "/" + base_url
        if not base_url.endswith("/"):
            base_url += "/"
        self.base_url = base_url
        self.users = sorted(set(DEMO_USERS) | set(users))
        self.extra_config = extra_config
        self.revoke_on_start = revoke_on_start
        self.env_overrides = dict(env or {})
        self.requested_port = port
        self.cache_max_age = cache_max_age
        self.hub_venv = Path(hub_venv) if hub_venv is not None else VENV_BIN.parent
        self.start_timeout = start_timeout
        self.restartable = restartable
        self.access_levels = access_levels
        self.subdomain_host = subdomain_host
        self.proxy_token = secrets.token_hex(32)
        self.proxy_proc: subprocess.Popen | None = None
        self.proxy_log_path: Path | None = None
        self._proxy_log_file = None
        self.keep_tmp = (
            os.environ.get("E2E_KEEP_TMP") == "1" if keep_tmp is None else keep_tmp
        )
        self.password = DEMO_PASSWORD
        self.marker = new_marker()
        self.token = secrets.token_hex(32)
        self.proc: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.log_path: Path | None = None
        self.port = self.hub_port = self.proxy_api_port = None
        self.start_seconds: float | None = None
        self._log_file = None
        self._stopped = True

    # ---- lifecycle -----------------------------------------------------

    @property
    def hub_cmd(self) -> Path:
        """The jupyterhub executable of ``hub_venv``."""
        return self.hub_venv / "bin" / "jupyterhub"

    @property
    def url(self) -> str:
        """Public (proxy) URL, ending in "/" (includes base_url)."""
        return f"http://127.0.0.1:{self.port}{self.base_url}"

    @property
    def browser_url(self) -> str:
        """The hub's public URL for browsers: ``url``, or with
        ``subdomain_host`` the hub's own host (``http://hub.test:<port>/``)."""
        if not self.subdomain_host:
            return self.url
        return f"http://{self.subdomain_host}:{self.port}{self.base_url}"

    def chromium_args(self, secure_origins=()) -> list[str]:
        """Extra Chromium flags for this hub: with ``subdomain_host``, resolve
        the hub's host and its subdomains to 127.0.0.1, and treat the hub's
        origin and ``secure_origins`` (e.g. a user server's, from
        ``wait_server_ready``) as secure contexts: plain http on a name other
        than localhost is none, so it has no ``navigator.clipboard``. (The
        flag takes no wildcards.)"""
        if not self.subdomain_host:
            return []
        host = self.subdomain_host
        origins = [self.browser_url.rstrip("/"), *secure_origins]
        return [
            f"--host-resolver-rules=MAP {host} 127.0.0.1, MAP *.{host} 127.0.0.1",
            "--unsafely-treat-insecure-origin-as-secure=" + ",".join(origins),
        ]

    @property
    def api_url(self) -> str:
        return f"{self.url}hub/api/"

    def _config(self) -> str:
        tmp = self.tmp
        args = ["--allow-root"] if is_root() else []
        cfg = f"""\
# Generated by tests/harness/hub.py -- a throw-away hub for demo and tests.
c = get_config()  # noqa

c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {self.port}
c.JupyterHub.base_url = {self.base_url!r}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {self.hub_port}
{self._public_url_config()}
c.JupyterHub.db_url = {"sqlite:///" + str(tmp / "jupyterhub.sqlite")!r}
c.JupyterHub.cookie_secret_file = {str(tmp / "jupyterhub_cookie_secret")!r}
c.JupyterHub.cleanup_servers = {not self.restartable!r}
c.JupyterHub.cleanup_proxy = {not self.restartable!r}

c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{self.proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{chp_path()!r}]
c.ConfigurableHTTPProxy.pid_file = {str(tmp / "jupyterhub-proxy.pid")!r}
{self._external_proxy_config()}
c.JupyterHub.authenticator_class = "dummy"
c.Authenticator.allowed_users = {set(self.users)!r}
c.DummyAuthenticator.password = {self.password!r}

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {str(tmp / "home" / "{username}")!r}
c.Spawner.ip = "127.0.0.1"
c.Spawner.cmd = [{str(VENV_BIN / "jupyterhub-singleuser")!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.environment = {{{MARKER_VAR!r}: {self.marker!r}}}
c.Spawner.start_timeout = 60
c.Spawner.http_timeout = 60

# The test service; the sharing scopes come from configure(c) below.
c.JupyterHub.load_roles = [
    {{
        "name": "e2e-admin-role",
        "scopes": [
            "admin:users",
            "admin:servers",
            "shares",
            "read:users:name",
            "read:groups:name",
            "admin:groups",
            "tokens",
            # the user servers' own APIs (e.g. JupyterLab settings): server_api()
            "access:servers",
        ]{self._admin_access_level_scopes()},
        "services": [{ADMIN_SERVICE!r}],
    }},
]
c.JupyterHub.services = [{{"name": {ADMIN_SERVICE!r}, "api_token": {self.token!r}}}]
"""
        if self.extra_config:
            cfg += "\n# ---- extra_config ----\n" + self.extra_config + "\n"
        cache = None if self.cache_max_age is None else int(self.cache_max_age)
        # Last, as docs/admin.md tells admins: the one-call setup merges with
        # everything above (roles, services, hooks). Imported from the source
        # tree, so the hub runs the helper under test.
        cfg += f"""
# ---- user sharing, as an admin enables it (docs/admin.md) ----
import sys
sys.path.insert(0, {str(ROOT)!r})
from jupyterlab_user_sharing.hub import configure
configure(
    c,
    revoke_on_start={self.revoke_on_start!r},
    auth_cache_max_age={cache!r},
    access_levels={self.access_levels!r},
)
"""
        return cfg

    def _public_url_config(self) -> str:
        if self.subdomain_host:
            return (
                "# servers on subdomains; public_url defaults to the hub's host\n"
                f"c.JupyterHub.subdomain_host = {self.browser_url.rstrip('/')!r}"
            )
        # public_url makes the hub fill full_accept_url in share codes
        return f"c.JupyterHub.public_url = {self.url!r}"

    def _admin_access_level_scopes(self) -> str:
        """With ``access_levels``, the test service may grant shares with the
        access-level scopes too (the hub checks the granter holds them)."""
        if not self.access_levels:
            return ""
        from jupyterlab_user_sharing.hub_access import all_scopes

        return f" + {all_scopes()!r}"

    def _external_proxy_config(self) -> str:
        if not self.restartable:
            return ""
        return (
            "# the harness runs the proxy (restartable=True): it outlives the hub\n"
            "c.ConfigurableHTTPProxy.should_start = False\n"
            f"c.ConfigurableHTTPProxy.auth_token = {self.proxy_token!r}\n"
        )

    @property
    def hub_internal_url(self) -> str:
        """Where the hub itself listens (behind the proxy)."""
        return f"http://127.0.0.1:{self.hub_port}{self.base_url}hub/"

    def _start_proxy(self, env: dict[str, str]) -> None:
        """configurable-http-proxy with the arguments the hub would use
        (jupyterhub/proxy.py ConfigurableHTTPProxy.start)."""
        self.proxy_log_path = self.tmp / "proxy.log"
        self._proxy_log_file = open(self.proxy_log_path, "wb")
        cmd = [
            chp_path(),
            "--ip", "127.0.0.1",
            "--port", str(self.port),
            "--api-ip", "127.0.0.1",
            "--api-port", str(self.proxy_api_port),
            "--error-target", self.hub_internal_url + "error",
            "--log-level", "warn",
        ]
        self.proxy_proc = subprocess.Popen(
            cmd,
            cwd=self.tmp,
            env={**env, "CONFIGPROXY_AUTH_TOKEN": self.proxy_token},
            stdin=subprocess.DEVNULL,
            stdout=self._proxy_log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        api = f"http://127.0.0.1:{self.proxy_api_port}/api/routes"
        deadline = time.monotonic() + self.start_timeout
        while True:
            if self.proxy_proc.poll() is not None:
                raise HubError(
                    f"configurable-http-proxy exited with {self.proxy_proc.returncode}\n"
                    + self.proxy_log_path.read_text(errors="replace")
                )
            req = urllib.request.Request(
                api, headers={"Authorization": f"token {self.proxy_token}"}
            )
            try:
                with urllib.request.urlopen(req, timeout=2) as r:
                    if r.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            if time.monotonic() > deadline:
                raise HubError(f"configurable-http-proxy not ready at {api}")
            time.sleep(0.1)

    def _env(self) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("JUPYTERHUB_API_TOKEN", None)
        # PATH and VIRTUAL_ENV are those of .venv even for a hub from another
        # environment: the hub hands both on to the single-user servers
        # (Spawner.env_keep), which run from .venv; the hub itself is started
        # by its absolute path and needs neither.
        env["PATH"] = f"{VENV_BIN}{os.pathsep}{env.get('PATH', '')}"
        env["VIRTUAL_ENV"] = str(ROOT / ".venv")
        env[MARKER_VAR] = self.marker
        env.update(self.env_overrides)
        return env

    def _spawn_hub(self) -> None:
        self._log_file = open(self.log_path, "ab")
        self.proc = subprocess.Popen(
            [str(self.hub_cmd), "-f", str(self.tmp / "jupyterhub_config.py")],
            cwd=self.tmp,
            env=self._env(),
            stdin=subprocess.DEVNULL,
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def stop_hub(self, timeout: float = 30.0) -> None:
        """Stop only the hub process (``restartable=True``): the proxy and
        the single-user servers keep running."""
        if not self.restartable:
            raise HubError("stop_hub() needs LocalHub(restartable=True)")
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.terminate()  # the hub alone, not its (empty) process group
        try:
            self.proc.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=5)
        if self._log_file:
            self._log_file.close()
            self._log_file = None

    def pause_hub(self) -> None:
        """SIGSTOP the hub process: it accepts connections (the kernel does)
        but answers nothing, like a hung hub. ``resume_hub()`` undoes it."""
        os.kill(self.proc.pid, signal.SIGSTOP)

    def resume_hub(self) -> None:
        os.kill(self.proc.pid, signal.SIGCONT)

    def start_hub(self) -> None:
        """Start the hub again after ``stop_hub()`` (same ports, database,
        config); returns once its API answers."""
        if self.proc is not None and self.proc.poll() is None:
            return
        self._spawn_hub()
        self._wait_ready()

    def start(self) -> "LocalHub":
        if not self._stopped:
            return self
        if not self.hub_cmd.exists():
            raise FileNotFoundError(
                f"{self.hub_cmd} not found: run `make setup` (scripts/setup.sh) in {ROOT}"
            )
        t0 = time.monotonic()
        self.tmp = Path(tempfile.mkdtemp(prefix="user-sharing-hub-"))
        (self.tmp / "home").mkdir()
        if self.requested_port is not None:
            self.port = self.requested_port
        else:
            self.port = free_port()
        ports = {self.port}
        while True:
            self.hub_port = free_port()
            if self.hub_port not in ports:
                break
        ports.add(self.hub_port)
        while True:
            self.proxy_api_port = free_port()
            if self.proxy_api_port not in ports:
                break
        (self.tmp / "jupyterhub_config.py").write_text(self._config())
        self.log_path = self.tmp / "jupyterhub.log"

        self._stopped = False
        atexit.register(self.stop)
        try:
            if self.restartable:
                self._start_proxy(self._env())
            self._spawn_hub()
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        self.start_seconds = time.monotonic() - t0
        return self

    def _wait_ready(self) -> None:
        wait_http_ok(self.proc, self.api_url, self.start_timeout, "jupyterhub", self.log_tail, HubError)

    def stop(self) -> None:
        if self._stopped:
            return
        self._stopped = True
        if self.proc is not None and self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGCONT)  # in case it was paused
        try:
            atexit.unregister(self.stop)
        except Exception:
            pass
        leftovers = stop_tree(self.proc, self.marker)
        if self.proxy_proc is not None:
            # already stopped by its marker; reap it
            leftovers += stop_tree(self.proxy_proc, self.marker)
        for f in (self._log_file, self._proxy_log_file):
            if f:
                f.close()
        self._log_file = self._proxy_log_file = None
        if leftovers:
            print(
                "LocalHub.stop: processes survived SIGKILL:\n  " + "\n  ".join(leftovers),
                file=sys.stderr,
            )
        if self.tmp and not self.keep_tmp:
            shutil.rmtree(self.tmp, ignore_errors=True)
        if leftovers:
            raise HubError("processes survived stop: " + "; ".join(leftovers))

    def __enter__(self) -> "LocalHub":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def log_tail(self, lines: int = 80) -> str:
        if not self.log_path or not self.log_path.exists():
            return "(no hub log)"
        text = self.log_path.read_text(errors="replace").splitlines()
        return f"---- last {lines} lines of {self.log_path} ----\n" + "\n".join(text[-lines:])

    # ---- REST API ------------------------------------------------------

    def api(self, method: str, path: str, json=None, token: str | None = None):
        """Call the hub REST API as the e2e-admin service.

        ``path`` is relative to ``hub/api/`` (caller percent-encodes segments,
        see ``seg``). Returns ``(status, parsed JSON or None)``.
        """
        return _request(method, self.api_url + path.lstrip("/"), json, token or self.token)

    def _ok(self, expected, method, path, json=None):
        status, body = self.api(method, path, json)
        if status not in expected:
            raise HubError(f"{method} {path} -> {status} {body}")
        return body

    def version(self) -> str:
        """The running hub's version (``GET hub/api/``, no auth needed)."""
        return self._ok((200,), "GET", "")["version"]

    def user(self, user: str) -> dict:
        return self._ok((200,), "GET", f"users/{seg(user)}")

    def start_server(self, user: str) -> None:
        status, body = self.api("POST", f"users/{seg(user)}/server")
        if status in (201, 202):
            return
        if status == 400 and body and "already running" in str(body.get("message", "")):
            return
        raise HubError(f"POST users/{user}/server -> {status} {body}")

    def wait_server_ready(self, user: str, timeout: float = 60.0, server: str = "") -> dict:
        """The model of ``user``'s server (default, or the named ``server``)
        once the hub reports it ready."""
        name = server
        deadline = time.monotonic() + timeout
        model = None
        while time.monotonic() < deadline:
            model = self.user(user)
            server = (model.get("servers") or {}).get(name)
            if server and server.get("ready"):
                return server
            if self.proc.poll() is not None:
                break
            time.sleep(0.2)
        raise HubError(
            f"server {name!r} of {user} not ready after {timeout}s: {model}\n" + self.log_tail()
        )

    def stop_server(self, user: str, timeout: float = 30.0) -> None:
        status, body = self.api("DELETE", f"users/{seg(user)}/server")
        if status not in (202, 204, 400):
            raise HubError(f"DELETE users/{user}/server -> {status} {body}")
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if "" not in (self.user(user).get("servers") or {}):
                return
            time.sleep(0.2)
        raise HubError(f"server of {user} still running after {timeout}s")

    def grant_share(self, owner: str, user: str, server: str = "", scopes=None) -> dict:
        body = {"user": user} if scopes is None else {"user": user, "scopes": list(scopes)}
        return self._ok((200,), "POST", f"shares/{seg(owner)}/{seg(server)}", body)

    def revoke_share(self, owner: str, user: str, server: str = "") -> None:
        self._ok((200,), "PATCH", f"shares/{seg(owner)}/{seg(server)}", {"user": user})

    def revoke_all_shares(self, owner: str, server: str = "") -> None:
        self._ok((204,), "DELETE", f"shares/{seg(owner)}/{seg(server)}")

    def list_shares(self, owner: str, server: str = "") -> list[dict]:
        """All shares of owner's server (follows pagination)."""
        return self._list_all(f"shares/{seg(owner)}/{seg(server)}")

    def list_share_codes(self, owner: str, server: str = "") -> list[dict]:
        """All unexpired share codes (invite links) of owner's server; the
        hub never returns the code itself here (follows pagination)."""
        return self._list_all(f"share-codes/{seg(owner)}/{seg(server)}")

    def revoke_all_share_codes(self, owner: str, server: str = "") -> None:
        self._ok((204,), "DELETE", f"share-codes/{seg(owner)}/{seg(server)}")

    def server_api(self, user: str, method: str, path: str, json=None, server: str = ""):
        """Call the API of ``user``'s running server as the e2e-admin service
        (``access:servers``), e.g. ``server_api("alice", "GET",
        "lab/api/settings/<plugin>")``. ``path`` is relative to the server's
        URL as the hub reports it. Token requests skip the server's XSRF
        check. Returns ``(status, parsed JSON or None)``."""
        model = (self.user(user).get("servers") or {}).get(server)
        if not model or not model.get("ready"):
            raise HubError(f"server {server!r} of {user} is not running")
        origin = f"http://127.0.0.1:{self.port}"
        return _request(method, origin + model["url"] + path.lstrip("/"), json, self.token)

    def _list_all(self, path: str) -> list[dict]:
        # `_pagination.total` also counts expired codes: follow `next` only.
        items: list[dict] = []
        offset = 0
        while True:
            page = self._ok((200,), "GET", f"{path}?offset={offset}&limit=200")
            if isinstance(page, list):  # unpaginated answer
                return items + page
            items.extend(page["items"])
            nxt = page.get("_pagination", {}).get("next")
            if not nxt:
                return items
            offset = nxt["offset"]


def _request(method: str, url: str, json, token: str):
    """One JSON request with ``Authorization: token``; ``(status, parsed)``."""
    data = None
    headers = {"Authorization": f"token {token}"}
    if json is not None:
        data = _json.dumps(json).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method.upper(), headers=headers)
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            status, body = r.status, r.read()
    except urllib.error.HTTPError as e:
        status, body = e.code, e.read()
    try:
        parsed = _json.loads(body) if body else None
    except ValueError:
        parsed = None
    return status, parsed


def preferred_port(port: int = 8000) -> int:
    return port if port_is_free(port) else free_port()
