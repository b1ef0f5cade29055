"""The visitors' levels, revocation that takes effect at once, and access
that ends on its own.

The enforcer keeps this server's shares, listed with the server's own token
(``configure(c, access_levels=True)`` gives it ``shares!server``): at start,
every ``check_interval`` seconds, when a visitor it has no share for arrives,
and when the owner's dialog says it revoked someone (``POST .../evict``).

JupyterHub's single-user server trusts its cached answer about a browser's
token for ``HubOAuth.cache_max_age`` seconds (300 by default), and an open
websocket is never checked again. So when someone's share goes away or
changes (revoked in the dialog, on the hub's pages, through the REST API, by
the revoke-on-start hook, or because its time was up), the enforcer drops
their cached answers and closes their websockets (kernels, terminals,
documents): their next request asks the hub, which refuses, or gets their
new level. Group shares reach the members seen on this server (the groups
the hub named in their user model): the server's token cannot read a
group's members (``read:groups`` would show every group's members to every
owner), so a change in a group's members reaches the server after
``cache_max_age``, as before. (JupyterHub 5.5 and 6.1 let no member in
through a group share anyway: docs/admin.md.)
"""

from __future__ import annotations

import asyncio
import json
import os
import weakref
from collections import defaultdict
from datetime import datetime, timedelta, timezone
from urllib.parse import quote

from jupyter_server.base.handlers import APIHandler
from jupyter_server.utils import url_path_join
from tornado import web
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketHandler
from traitlets import Float
from traitlets.config import LoggingConfigurable

from ..hub_access import ENDS_AFTER_HOURS
from . import policy
from .authorizer import VIEW_ONLY_ATTR

SETTINGS_KEY = "user_sharing_enforcer"
CLOSE_CODE = 4403  # a private websocket close code: "no longer allowed"
CLOSE_REASON = "access revoked"
LOG = "user-sharing:"
REFUSED = "none"  # a level: refuse everything


class AccessEnforcer(LoggingConfigurable):
    check_interval = Float(
        15.0,
        config=True,
        help="Seconds between two checks of this server's shares (revocations made "
        "elsewhere, access whose time is up). 0 turns the periodic check off.",
    )
    request_timeout = Float(10.0, config=True, help="Seconds, each request to the hub API.")
    seconds_per_hour = Float(
        3600.0,
        config=True,
        help="The length of an hour in \"access ends N hours after accepting\" (tests shorten it).",
    )

    def __init__(self, *, hub_auth, owner, server_name, **kwargs):
        super().__init__(**kwargs)
        self.hub_auth = hub_auth
        self.owner = owner
        self.server_name = server_name
        self.keys: dict[tuple[str, str], frozenset] | None = None  # None: never listed
        self.levels: dict[tuple[str, str], str] = {}
        self.no_share: set[str] = set()  # visitors with access but no share (roles)
        self.gone: set[str] = set()  # users whose share went away, not seen since
        self.groups_of: dict[str, frozenset] = {}
        self.sockets: dict[str, weakref.WeakSet] = defaultdict(weakref.WeakSet)
        self._refreshing: asyncio.Future | None = None
        self._task = None

    # ---- levels -----------------------------------------------------------------

    def known_level(self, hub_user: dict) -> str | None:
        """The visitor's level from the shares listed last; None if their
        share may be newer than that list."""
        if self.keys is None:
            return None
        level = policy.visitor_level(self.levels, hub_user)
        if level is None and hub_user.get("name", "") in self.no_share:
            return policy.FULL
        return level

    async def level_for(self, hub_user: dict) -> str:
        """The visitor's level after listing the shares again."""
        try:
            await self.refresh()
        except Exception as e:
            self.log.warning("%s could not list this server's shares: %r", LOG, e)
        level = self.known_level(hub_user)
        if level is not None:
            return level
        name = hub_user.get("name", "")
        if self.keys is None:  # the shares were never listed: nobody but the owner
            return REFUSED
        if name in self.gone:
            # their share just went: refused now; if the hub still lets them
            # in (a role, not a share), the next request finds no share again
            self.gone.discard(name)
            return REFUSED
        self.no_share.add(name)
        return policy.FULL

    def is_owner(self, hub_user: dict) -> bool:
        return hub_user.get("kind", "user") == "user" and hub_user.get("name") == self.owner

    async def check_request(self, handler, hub_user: dict) -> None:
        """The request gate: a visitor's request, before its handler runs.
        Handlers that never ask the Authorizer (JupyterLab's settings,
        workspaces, extension manager) are closed to viewers here; a
        visitor the server cannot place gets nothing at all."""
        self.saw(handler, hub_user)
        level = self.known_level(hub_user)
        if level is None:
            level = await self.level_for(hub_user)
        if level == policy.FULL:
            return
        name = type(handler).__name__
        method = handler.request.method or ""
        if level == policy.VIEW:
            if policy.viewer_may_request(method, name, isinstance(handler, WebSocketHandler)):
                return
            self.log.info("%s %s (view only) refused: %s %s", LOG, hub_user.get("name"), method, name)
            raise web.HTTPError(
                403, "This server was shared with you view only.", reason=policy.VIEW_ONLY_REASON
            )
        raise web.HTTPError(403, "You have no access to this server.")

    # ---- who is connected ------------------------------------------------------

    def saw(self, handler, hub_user: dict) -> None:
        """A visitor (never the owner) asks for ``handler``."""
        name = hub_user.get("name", "")
        self.groups_of[name] = frozenset(hub_user.get("groups") or ())
        if isinstance(handler, WebSocketHandler):
            self.sockets[name].add(handler)

    def evict(self, name: str) -> None:
        """Forget ``name``'s cached authorization and close their websockets."""
        cache = self.hub_auth.cache
        entries = getattr(cache, "values", None)  # HubAuth's _ExpiringDict keeps them there
        entries = entries if isinstance(entries, dict) else dict(cache)
        for key, model in list(entries.items()):
            if isinstance(model, dict) and model.get("name") == name and model.get("kind", "user") == "user":
                try:
                    del cache[key]
                except KeyError:
                    pass
        self.no_share.discard(name)
        for socket in list(self.sockets.pop(name, ())):
            try:
                socket.close(CLOSE_CODE, CLOSE_REASON)
            except Exception as e:  # an already closed stream
                self.log.debug("%s closing a websocket of %s: %r", LOG, name, e)

    # ---- the shares --------------------------------------------------------------

    def start(self) -> None:
        if self._task is None:
            self._task = asyncio.ensure_future(self._check_forever())

    async def _check_forever(self):
        while True:
            try:
                await self.refresh()
            except Exception as e:  # the hub may be away for a while: try again later
                self.log.warning("%s checking the shares of this server failed: %r", LOG, e)
            if self.check_interval <= 0:
                return
            await asyncio.sleep(self.check_interval)

    async def refresh(self, *, newer: bool = False) -> list[str]:
        """List the shares (one listing at a time; callers in the meantime
        share its answer). ``newer``: the listing must start after this call,
        so that it sees a revocation just made. Returns who was evicted."""
        current = self._refreshing
        if current is not None and not current.done():
            if not newer:
                return await asyncio.shield(current)
            try:
                await asyncio.shield(current)
            except Exception:
                pass
            current = self._refreshing
            if current is not None and not current.done():  # started after this call
                return await asyncio.shield(current)
        self._refreshing = current = asyncio.ensure_future(self._refresh())
        return await asyncio.shield(current)

    async def _refresh(self) -> list[str]:
        shares = await self.list_shares()
        hour = timedelta(seconds=self.seconds_per_hour)
        for share in policy.expired(shares, datetime.now(timezone.utc), hour):
            await self.revoke(share)
            shares.remove(share)
        keys = {policy.who(s): frozenset(s.get("scopes") or ()) for s in shares}
        changed = [k for k, v in (self.keys or {}).items() if keys.get(k) != v]
        self.keys, self.levels = keys, policy.index(shares)
        for kind, name in keys:
            if kind == "user":
                self.gone.discard(name)
                self.no_share.discard(name)
        evicted = set()
        for kind, name in changed:
            if kind == "user":
                if (kind, name) not in keys:
                    self.gone.add(name)
                evicted.add(name)
            else:
                evicted |= {v for v, groups in self.groups_of.items() if name in groups}
        for name in sorted(evicted):
            self.evict(name)
        if evicted:
            self.log.info("%s access of %s ended or changed: evicted at once", LOG, ", ".join(sorted(evicted)))
        return sorted(evicted)

    @property
    def _shares_path(self) -> str:
        return f"shares/{quote(self.owner, safe='')}/{quote(self.server_name, safe='')}"

    async def list_shares(self) -> list[dict]:
        shares: list[dict] = []
        offset = 0
        while True:
            status, page = await self.hub_api("GET", f"{self._shares_path}?offset={offset}&limit=200")
            if status == 403:
                raise PermissionError(
                    "this server's token may not read its shares, so only the owner gets in: "
                    "give it shares!server (configure(c, access_levels=True) does) and restart"
                )
            if status != 200:
                raise RuntimeError(f"GET {self._shares_path} -> {status}")
            if isinstance(page, list):
                return shares + page
            shares.extend(page.get("items", []))
            following = (page.get("_pagination") or {}).get("next")
            if not following:
                return shares
            offset = following["offset"]

    async def revoke(self, share: dict) -> None:
        who = {"group": share["group"]["name"]} if share.get("group") else {"user": share["user"]["name"]}
        status, _ = await self.hub_api("PATCH", self._shares_path, who)
        if status != 200:
            raise RuntimeError(f"PATCH {self._shares_path} {who} -> {status}")
        self.log.info("%s access of %s ended: its time was up", LOG, next(iter(who.values())))

    async def hub_api(self, method: str, path: str, body=None):
        hub_auth = self.hub_auth
        request = HTTPRequest(
            url_path_join(hub_auth.api_url, path),
            method=method,
            headers={
                "Authorization": f"token {hub_auth.api_token}",
                "Accept": "application/jupyterhub-pagination+json, application/json",
                "Content-Type": "application/json",
            },
            body=None if body is None else json.dumps(body),
            request_timeout=self.request_timeout,
            follow_redirects=False,
            ssl_options=_ssl_context(hub_auth),
        )
        response = await AsyncHTTPClient().fetch(request, raise_error=False)
        if response.code == 599 and response.error:
            raise response.error
        text = response.body or b""
        return response.code, (json.loads(text) if text.strip() else None)


def _ssl_context(hub_auth):
    if not (hub_auth.certfile or hub_auth.keyfile):
        return None
    from jupyterhub.utils import make_ssl_context

    return make_ssl_context(hub_auth.keyfile, hub_auth.certfile, cafile=hub_auth.client_ca)


# ---- the REST endpoints ----------------------------------------------------------


class _Handler(APIHandler):
    @property
    def enforcer(self) -> AccessEnforcer:
        return self.settings[SETTINGS_KEY]

    def _is_owner(self) -> bool:
        return self.enforcer.is_owner(getattr(self.current_user, "hub_user", None) or {})


class AccessHandler(_Handler):
    """What this server enforces, and the visitor's own level."""

    @web.authenticated
    async def get(self):
        enforcer = self.enforcer
        owner = self._is_owner()
        level = policy.FULL if owner else await enforcer.level_for(self.current_user.hub_user)
        self.finish({
            "enforced": True,
            "owner": owner,
            "level": level,
            "documentsFiltered": bool(self.authorizer.documents_filtered),
            "checkInterval": enforcer.check_interval,
            "endsAfterHours": list(ENDS_AFTER_HOURS),
        })


class EvictHandler(_Handler):
    """The owner's dialog revoked someone: end their access now."""

    @web.authenticated
    async def post(self):
        if not self._is_owner():
            raise web.HTTPError(403, "Only the owner of this server may end others' access.")
        evicted = await self.enforcer.refresh(newer=True)
        self.finish({"evicted": evicted})


# ---- jupyter-collaboration ----------------------------------------------------


def filter_documents(authorizer, log) -> bool:
    """Drop viewers' changes from jupyter-collaboration's document websocket
    (``YDocWebSocketHandler.on_message``); True once in place."""
    try:
        from jupyter_server_ydoc.handlers import YDocWebSocketHandler
    except ImportError:
        return False
    original = YDocWebSocketHandler.on_message
    if getattr(original, "_user_sharing_filter", False):
        return True

    async def on_message(self, message):
        if getattr(self, VIEW_ONLY_ATTR, False) and not policy.yjs_viewer_may_send(message):
            save_id = policy.yjs_save_request_id(message)
            if save_id is not None:  # answer, so the viewer's page does not wait
                self.write_message(policy.yjs_save_reply(save_id, "failed"), binary=True)
            return None
        result = original(self, message)
        if asyncio.iscoroutine(result):
            result = await result
        return result

    on_message._user_sharing_filter = True
    YDocWebSocketHandler.on_message = on_message
    log.info("%s viewers' document changes are dropped", LOG)
    return True


def gate_every_request(enforcer: AccessEnforcer) -> None:
    """Run ``check_request`` for every visitor's request to every Jupyter
    handler (``JupyterHandler.prepare``, once the visitor is known). The
    owner's requests pay one comparison."""
    from jupyter_server.base.handlers import JupyterHandler

    original = JupyterHandler.prepare
    if getattr(original, "_user_sharing_filter", False):
        return

    async def prepare(self, *args, **kwargs):
        result = original(self, *args, **kwargs)
        if result is not None:
            result = await result
        hub_user = getattr(getattr(self, "_jupyter_current_user", None), "hub_user", None)
        if hub_user is not None and not enforcer.is_owner(hub_user):
            await enforcer.check_request(self, hub_user)
        return result

    prepare._user_sharing_filter = True
    JupyterHandler.prepare = prepare


def mark_contents_read_only() -> None:
    """Viewers read contents models that say ``writable: false``."""
    from jupyter_server.services.contents.handlers import ContentsHandler

    original = ContentsHandler._finish_model
    if getattr(original, "_user_sharing_filter", False):
        return

    def _finish_model(self, model, location=True):
        if getattr(self, VIEW_ONLY_ATTR, False):
            model = policy.read_only(model)
        return original(self, model, location)

    _finish_model._user_sharing_filter = True
    ContentsHandler._finish_model = _finish_model


PAGE_CONFIG_KEY = "userSharingAccessLevels"
PAGE_CONFIG_LEVEL = "userSharingLevel"


def announce_in_page_config(web_app) -> None:
    """JupyterLab's page config says the server enforces access levels, so
    the shim and the dialog know without a request (and servers without
    the extension get none), and the visitor's level as the request gate
    found it: a viewer's JupyterLab then starts without terminals and never
    tries a kernel. Wraps JupyterHub's own hook; runs once the extensions
    have loaded, whatever their order."""
    original = web_app.settings.get("page_config_hook")
    enforcer: AccessEnforcer = web_app.settings[SETTINGS_KEY]

    def page_config_hook(handler, page_config):
        if original is not None:
            page_config = original(handler, page_config) or page_config
        page_config[PAGE_CONFIG_KEY] = "true"
        hub_user = getattr(handler.current_user, "hub_user", None)
        if hub_user is not None:
            level = policy.FULL if enforcer.is_owner(hub_user) else enforcer.known_level(hub_user)
            if level is not None:
                page_config[PAGE_CONFIG_LEVEL] = level
            if level == policy.VIEW:
                page_config["terminalsAvailable"] = False  # the server refuses them anyway
        return page_config

    web_app.settings["page_config_hook"] = page_config_hook


def start(serverapp) -> AccessEnforcer:
    authorizer = serverapp.authorizer
    hub_auth = serverapp.identity_provider.hub_auth
    enforcer = AccessEnforcer(
        parent=serverapp,
        log=serverapp.log,
        hub_auth=hub_auth,
        owner=os.environ.get("JUPYTERHUB_USER", ""),
        server_name=os.environ.get("JUPYTERHUB_SERVER_NAME", ""),
    )
    authorizer.enforcer = enforcer
    gate_every_request(enforcer)
    mark_contents_read_only()
    if serverapp.jpserver_extensions.get("jupyter_server_ydoc"):
        authorizer.documents_filtered = filter_documents(authorizer, serverapp.log)
    web_app = serverapp.web_app
    web_app.settings[SETTINGS_KEY] = enforcer
    base = url_path_join(web_app.settings["base_url"], "user-sharing", "api")
    web_app.add_handlers(".*$", [
        (url_path_join(base, "access"), AccessHandler),
        (url_path_join(base, "evict"), EvictHandler),
    ])
    serverapp.io_loop.add_callback(enforcer.start)
    serverapp.io_loop.add_callback(announce_in_page_config, web_app)
    serverapp.log.info(
        "%s access levels enforced; shares checked every %ss", LOG, enforcer.check_interval
    )
    return enforcer
