"""Hub-side setup for jupyterlab-user-sharing, in one call.

In ``jupyterhub_config.py`` (put it after your own settings)::

    from jupyterlab_user_sharing.hub import configure
    configure(c)

This merges into what is already configured, never replaces it:

- adds ``shares!user`` to the ``user`` role (``c.JupyterHub.load_roles``;
  a newly created ``user`` role also gets ``self``), so owners may share;
- adds ``access:servers!server``, ``shares!server`` and ``users:shares!user``
  to ``c.Spawner.oauth_client_allowed_scopes``, so the token JupyterLab holds
  in the owner's browser carries the owner's share rights for that server, and
  an invitee's token the right to give up their own access ("Leave this
  server"; ``self`` holds it, a ``user`` role without ``self`` gets it added);
- ``share_by_name=True``: adds ``read:users:name`` and ``read:groups:name`` to
  both, so owners may share with a user or group by name (every user can then
  find out which user and group names exist);
- ``revoke_on_start=True`` (default): a ``Spawner.pre_spawn_hook`` deletes all
  shares and share codes of a server each time it starts, through the hub
  REST API, with the token of a service ``service_name`` whose role has the
  scope ``shares``. An already configured hook runs first, then ours; if the
  hub cannot be reached the spawn goes on and a warning is logged;
- ``auth_cache_max_age=N``: appends ``--HubOAuth.cache_max_age=N`` to
  ``c.Spawner.args`` so a revoked user loses access after at most N seconds
  instead of 300, at the cost of one more hub request per user every N seconds.

Calling it twice is harmless. The settings also go into a ``c.<X>Spawner``
section (e.g. ``c.KubeSpawner``) that already sets the same option, since that
one would otherwise win. Only the standard library is imported: the module can
be used in a hub without JupyterLab, and copied as a single file.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
import secrets
import threading
import urllib.error
import urllib.request
from urllib.parse import quote

__all__ = ["configure", "RevokeSharesOnStart"]

USER_SCOPES = ("shares!user",)
SERVER_SCOPES = ("access:servers!server", "shares!server", "users:shares!user")
# ``self`` holds it already; a "user" role without ``self`` gets it added
LEAVE_SCOPE = "users:shares!user"
NAME_SCOPES = ("read:users:name", "read:groups:name")
SERVICE_SCOPES = ("shares",)
CACHE_ARG = "--HubOAuth.cache_max_age"
REQUEST_TIMEOUT = 5.0  # seconds, each request to the hub API
TOTAL_TIMEOUT = 15.0  # seconds, the most a spawn waits for the revocation
LOG_PREFIX = "jupyterlab-user-sharing:"


def configure(
    c,
    *,
    revoke_on_start: bool = True,
    auth_cache_max_age: int | None = None,
    service_name: str = "user-sharing-revoker",
    service_token: str | None = None,
    hub_api_url: str | None = None,
    share_by_name: bool = False,
    access_levels: bool = False,
) -> None:
    """Enable user sharing on the traitlets config ``c`` of ``jupyterhub_config.py``.

    ``hub_api_url`` overrides where the revocation hook finds the hub API
    (default: the hub's own ``hub.api_url``, e.g. ``http://127.0.0.1:8081/hub/api``).
    ``configure`` only adds: a later call with ``revoke_on_start=False`` does
    not remove the hook of an earlier call. ``access_levels=True`` also sets
    up view-only shares and immediate revocation (``hub_access.py``;
    docs/admin.md).
    """
    hub = c.JupyterHub
    extra = NAME_SCOPES if share_by_name else ()
    roles = _merge_role(
        _as_list(hub.get("load_roles")), "user", USER_SCOPES + extra, new_scopes=("self",)
    )
    user_role = next(r for r in roles if r["name"] == "user")
    if "self" not in user_role["scopes"]:
        user_role["scopes"] = _merge_scopes(user_role["scopes"], (LEAVE_SCOPE,))

    for section in _spawner_sections(c, "oauth_client_allowed_scopes"):
        section.oauth_client_allowed_scopes = _merge_allowed_scopes(
            section.get("oauth_client_allowed_scopes"), extra
        )

    if revoke_on_start:
        services = [dict(s) for s in _as_list(hub.get("services"))]
        service = next((s for s in services if s.get("name") == service_name), None)
        if service is None:
            service = {"name": service_name}
            services.append(service)
        token = service_token or service.get("api_token") or secrets.token_hex(32)
        service["api_token"] = token
        hub.services = services
        roles = _merge_role(roles, service_name, SERVICE_SCOPES, services=[service_name])
        for section in _spawner_sections(c, "pre_spawn_hook"):
            previous = section.get("pre_spawn_hook")
            if hasattr(previous, "get_value"):  # a LazyConfigValue: never set
                previous = None
            elif isinstance(previous, RevokeSharesOnStart):  # our own, from an earlier call
                previous = previous.chained
            section.pre_spawn_hook = RevokeSharesOnStart(
                token, chained=previous, api_url=hub_api_url
            )

    if access_levels:  # view-only shares, immediate revocation: hub_access.py
        from jupyterlab_user_sharing import hub_access

        roles = hub_access.enable(
            c, merge_role=_merge_role, merge_scopes=_merge_scopes, as_list=_as_list,
            spawner_sections=_spawner_sections, roles=roles,
        )

    hub.load_roles = roles

    if auth_cache_max_age is not None:
        age = int(auth_cache_max_age)
        if age < 0:
            raise ValueError(f"auth_cache_max_age must be >= 0, not {auth_cache_max_age!r}")
        for section in _spawner_sections(c, "args"):
            args = [a for a in _as_list(section.get("args")) if not a.startswith(CACHE_ARG + "=")]
            section.args = args + [f"{CACHE_ARG}={age}"]


class RevokeSharesOnStart:
    """``Spawner.pre_spawn_hook``: revoke all shares and share codes of the
    server about to start (``DELETE shares/{owner}/{server}`` and
    ``DELETE share-codes/{owner}/{server}``).

    ``chained`` (the hook configured before, sync or async) runs first; if it
    raises, the spawn fails as it would have without us and nothing is
    revoked. Our own failures are logged and never stop the spawn.
    """

    def __init__(self, token, *, chained=None, api_url=None, timeout=REQUEST_TIMEOUT,
                 total_timeout=TOTAL_TIMEOUT):
        self.token = token
        self.chained = chained
        self.api_url = api_url
        self.timeout = timeout
        self.total_timeout = total_timeout

    def __repr__(self):  # never show the token
        return f"<RevokeSharesOnStart chained={self.chained!r} api_url={self.api_url!r}>"

    async def __call__(self, spawner):
        if self.chained is not None:
            result = self.chained(spawner)
            if inspect.isawaitable(result):
                await result
        await self.revoke(spawner)

    async def revoke(self, spawner) -> None:
        log = getattr(spawner, "log", None) or logging.getLogger("jupyterhub")
        where = f"{spawner.user.name}/{spawner.name or ''}"
        give_up = threading.Event()  # tells a late worker thread not to send more
        try:
            api_url = self.api_url or spawner.hub.api_url
            ssl_context = _internal_ssl_context(spawner.hub, api_url)
            loop = asyncio.get_running_loop()
            job = loop.run_in_executor(
                None, self.revoke_sync, api_url, spawner.user.name, spawner.name or "",
                ssl_context, give_up,
            )
            shares, codes = await asyncio.wait_for(job, self.total_timeout)
        except Exception as e:  # never block the spawn
            give_up.set()
            reason = f"{type(e).__name__}: {e}" if str(e) else type(e).__name__
            log.warning(
                "%s could not revoke shares of %s before it starts (%s); starting anyway",
                LOG_PREFIX, where, reason,
            )
            return
        if shares or codes:
            log.info(
                "%s server %s is starting: revoked access of %s and %d share code(s)",
                LOG_PREFIX, where, ", ".join(shares) or "nobody", codes,
            )
        else:
            log.debug("%s server %s is starting: nothing to revoke", LOG_PREFIX, where)

    def revoke_sync(self, api_url, owner, server, ssl_context=None, give_up=None):
        """Blocking: list (for the log), then delete. Returns (names, code count)."""
        base = api_url.rstrip("/") + "/"
        path = f"{_seg(owner)}/{_seg(server)}"

        def call(method, collection, query=""):
            if give_up is not None and give_up.is_set():
                raise TimeoutError("gave up")
            return self._request(method, f"{base}{collection}/{path}{query}", ssl_context)

        share_page = call("GET", "shares", "?limit=200")
        code_page = call("GET", "share-codes", "?limit=200")
        call("DELETE", "shares")
        call("DELETE", "share-codes")
        shares, pagination = _items(share_page)
        names = [
            f"group {s['group']['name']}" if s.get("group") else (s.get("user") or {}).get("name", "?")
            for s in shares
        ]
        total = (pagination or {}).get("total", len(names))  # shares never expire: exact
        if total > len(names):
            names.append(f"{total - len(names)} more")
        return names, len(_items(code_page)[0])

    def _request(self, method, url, ssl_context):
        request = urllib.request.Request(url, method=method, headers={
            "Authorization": f"token {self.token}",
            "Accept": "application/jupyterhub-pagination+json, application/json",
        })
        opener = urllib.request.build_opener(
            urllib.request.ProxyHandler({}),  # the hub's own API: never through an HTTP(S)_PROXY
            _NoRedirect(),  # never send the token elsewhere
            urllib.request.HTTPSHandler(context=ssl_context),
        )
        try:
            with opener.open(request, timeout=self.timeout) as r:
                body = r.read()
        except urllib.error.HTTPError as e:
            detail = e.read()[:300].decode("utf-8", "replace")
            raise RuntimeError(f"{method} {url} -> {e.code} {detail}") from None
        return json.loads(body) if body.strip() else None


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a 3xx becomes an HTTPError


def _seg(name: str) -> str:
    """Percent-encode one path segment exactly like JavaScript's encodeURIComponent."""
    return quote(name, safe="!'()*")


def _items(page):
    if isinstance(page, list):  # a hub answering without pagination
        return page, None
    if isinstance(page, dict):
        return page.get("items", []), page.get("_pagination")
    return [], None


def _internal_ssl_context(hub, api_url):
    """The hub's own client certificate when ``JupyterHub.internal_ssl`` is on."""
    certfile, keyfile = getattr(hub, "certfile", ""), getattr(hub, "keyfile", "")
    if not (api_url.startswith("https:") and certfile and keyfile):
        return None
    from jupyterhub.utils import make_ssl_context  # only ever runs inside the hub

    return make_ssl_context(keyfile, certfile, cafile=getattr(hub, "cafile", None) or None)


def _as_list(value) -> list:
    """A config value as a list: unset -> [], a traitlets LazyConfigValue
    (``c.X.y.append(...)`` on a fresh Config) -> applied to the default []."""
    if value is None:
        return []
    if hasattr(value, "get_value"):
        value = value.get_value([])
    return list(value)


def _merge_scopes(scopes, extra):
    return list(scopes) + [s for s in extra if s not in scopes]


def _merge_role(roles, name, scopes, *, new_scopes=(), services=()):
    """roles with role ``name`` holding ``scopes`` (and ``services``); new list and dicts."""
    roles = [dict(r) for r in roles]
    role = next((r for r in roles if r.get("name") == name), None)
    if role is None:
        role = {"name": name, "scopes": list(new_scopes)}
        roles.append(role)
    elif "scopes" not in role and name == "user":
        role["scopes"] = ["self"]  # the hub merges a partial "user" role with its default
    role["scopes"] = _merge_scopes(role.get("scopes") or [], scopes)
    if services:
        role["services"] = _merge_scopes(role.get("services") or [], services)
    return roles


class _AllowedScopesWithSharing:
    """Wraps a callable ``oauth_client_allowed_scopes`` and adds ours to its result."""

    def __init__(self, wrapped, extra=()):
        self.wrapped = wrapped
        self.extra = tuple(extra)

    async def __call__(self, spawner):
        scopes = self.wrapped(spawner)
        if inspect.isawaitable(scopes):
            scopes = await scopes
        return _merge_scopes(scopes or [], SERVER_SCOPES + self.extra)


def _merge_allowed_scopes(value, extra=()):
    if isinstance(value, _AllowedScopesWithSharing):
        value.extra = tuple(_merge_scopes(value.extra, extra))
        return value
    if callable(value) and not hasattr(value, "get_value"):
        return _AllowedScopesWithSharing(value, extra)
    return _merge_scopes(_as_list(value), SERVER_SCOPES + tuple(extra))


def _spawner_sections(c, key):
    """``c.Spawner`` plus every ``c.<X>Spawner`` that sets ``key`` itself
    (a subclass section wins over ``c.Spawner``). A lazy value there
    (``c.KubeSpawner.args.append(...)``) extends ``c.Spawner``'s: left alone."""
    sections = [c.Spawner]
    for name in list(c.keys()):
        section = c[name]
        if name != "Spawner" and name.endswith("Spawner") and hasattr(section, "get"):
            value = section.get(key)
            if value is not None and not hasattr(value, "get_value"):
                sections.append(section)
    return sections
