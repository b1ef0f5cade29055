"""The Jupyter Server Authorizer that enforces access levels.

Turned on by ``configure(c, access_levels=True)`` in the hub config
(``--ServerApp.authorizer_class=...`` in ``Spawner.args``). Jupyter Server asks
it about every request and websocket with an action (read, write, execute)
and a resource (contents, kernels, terminals, ...); ``policy`` decides, with
the visitor's level from this server's shares (``enforcer.py``).

The owner's requests take the short path: one scope check, one comparison,
no await. A visitor whose share the server has not seen yet waits for one
fresh list of shares (``is_authorized`` may return an awaitable; every caller
in Jupyter Server and its extensions awaits it).
"""

from __future__ import annotations

import os

from jupyterhub.singleuser.extension import JupyterHubAuthorizer
from tornado.websocket import WebSocketHandler

from . import policy

# set on a viewer's handlers: their document messages are filtered, the
# contents they read are marked read-only
VIEW_ONLY_ATTR = "_user_sharing_view_only"


class AccessAuthorizer(JupyterHubAuthorizer):
    """JupyterHub's Authorizer plus access levels."""

    # set by the server extension when it loads (``enforcer.start``)
    enforcer = None
    documents_filtered = False

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.owner = os.environ.get("JUPYTERHUB_USER", "")

    def is_authorized(self, handler, user, action, resource):
        hub_user = getattr(user, "hub_user", None)
        hub_auth = self.hub_auth
        if hub_user is None or not hub_auth.check_scopes(hub_auth.access_scopes, hub_user):
            return False
        if hub_user.get("kind") == "user" and hub_user.get("name") == self.owner:
            return True
        enforcer = self.enforcer
        if enforcer is None:  # the extension is not loaded: no visitor gets in unchecked
            return False
        enforcer.saw(handler, hub_user)
        level = enforcer.known_level(hub_user)
        if level is None:
            return self._after_refresh(handler, hub_user, action, resource)
        return self._decide(level, handler, hub_user, action, resource)

    async def _after_refresh(self, handler, hub_user, action, resource):
        level = await self.enforcer.level_for(hub_user)
        return self._decide(level, handler, hub_user, action, resource)

    def _decide(self, level, handler, hub_user, action, resource) -> bool:
        if level == policy.FULL:
            return True
        name = type(handler).__name__
        if level != policy.VIEW or not policy.viewer_may(
            action, resource, name, isinstance(handler, WebSocketHandler)
        ):
            self.log.info(
                "user-sharing: %s (level %s) refused: %s on %s (%s)",
                hub_user.get("name"), level, action, resource, name,
            )
            return False
        if name == "YDocWebSocketHandler" and not self.documents_filtered:
            return False  # never let a viewer's changes through unfiltered
        setattr(handler, VIEW_ONLY_ATTR, True)  # read by the wrappers in enforcer.py
        return True
