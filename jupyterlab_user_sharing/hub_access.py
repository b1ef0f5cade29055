"""Access levels: the hub half, used by ``configure(c, access_levels=True)``.

The server half (``jupyterlab_user_sharing.access``) enforces what a share
allows; this module only tells the hub about it:

- defines the custom scopes (``c.JupyterHub.custom_scopes``): one per access
  level and one per "access ends after N hours" choice;
- grants them to owners on their own servers (the ``user`` role, ``!user``):
  the hub lets an owner put a scope in a share only if the owner holds it;
- adds them, filtered to the server, to ``Spawner.oauth_client_allowed_scopes``,
  so the owner's browser token carries them and a visitor's token shows what
  their share allows;
- turns the Authorizer on in single-user servers (``Spawner.args``), so a
  server without this package refuses to start rather than ignore view-only;
- gives each server's own token ``shares!server`` (``Spawner.server_token_scopes``):
  reading its shares finds revocations made elsewhere, revoking ends shares
  whose time is up.

Standard library only, like ``hub.py``: it runs inside the hub.
"""

from __future__ import annotations

import inspect

SCOPE_PREFIX = "custom:user-sharing:"
VIEW_SCOPE = SCOPE_PREFIX + "view"
EDIT_SCOPE = SCOPE_PREFIX + "edit"
# "Access ends N hours after each person accepted": the share carries it as a
# scope (shares inherit the scopes of the link that made them; the hub keeps
# no other per-share data), so only these values exist.
ENDS_AFTER_HOURS = (1, 2, 4, 8, 12, 24, 48, 168)
ENDS_SCOPE_PREFIX = SCOPE_PREFIX + "ends-after-hours:"

AUTHORIZER = "jupyterlab_user_sharing.access.authorizer.AccessAuthorizer"
AUTHORIZER_ARG = "--ServerApp.authorizer_class"
# the hub's default server token scopes (role "server"), which a list given in
# Spawner.server_token_scopes replaces
DEFAULT_SERVER_TOKEN_SCOPES = ("users:activity!user", "access:servers!server")
SERVER_TOKEN_SCOPES = ("shares!server",)


def ends_scope(hours: int) -> str:
    return f"{ENDS_SCOPE_PREFIX}{hours}"


def custom_scopes() -> dict:
    """Our ``c.JupyterHub.custom_scopes`` entries."""
    scopes = {
        VIEW_SCOPE: {
            "description": "View files and notebooks of a shared server, without changing "
            "them or running code (enforced by jupyterlab-user-sharing).",
        },
        EDIT_SCOPE: {
            "description": "Edit files and run code on a shared server.",
        },
    }
    for hours in ENDS_AFTER_HOURS:
        scopes[ends_scope(hours)] = {
            "description": f"Access to a shared server ends {hours} hour(s) after accepting "
            "(enforced by jupyterlab-user-sharing).",
        }
    return scopes


def all_scopes() -> list[str]:
    return list(custom_scopes())


def owner_scopes() -> list[str]:
    return [f"{s}!user" for s in all_scopes()]


def server_scopes() -> list[str]:
    return [f"{s}!server" for s in all_scopes()]


def enable(c, *, merge_role, merge_scopes, as_list, spawner_sections, roles) -> list:
    """Apply the hub side of access levels to config ``c``; returns the new
    ``load_roles`` list (``roles`` with the owner scopes added). The helpers
    are ``hub.py``'s, so both halves merge the same way."""
    hub = c.JupyterHub
    defined = dict(hub.get("custom_scopes") or {}) if not _lazy(hub.get("custom_scopes")) else {}
    for name, definition in custom_scopes().items():
        defined.setdefault(name, definition)
    hub.custom_scopes = defined

    roles = merge_role(roles, "user", owner_scopes(), new_scopes=("self",))

    for section in spawner_sections(c, "oauth_client_allowed_scopes"):
        section.oauth_client_allowed_scopes = _merge_maybe_callable(
            section.get("oauth_client_allowed_scopes"), server_scopes(), merge_scopes, as_list
        )
    for section in spawner_sections(c, "server_token_scopes"):
        value = section.get("server_token_scopes")
        if value is None or _lazy(value):
            value = list(DEFAULT_SERVER_TOKEN_SCOPES)
        section.server_token_scopes = _merge_maybe_callable(
            value, list(SERVER_TOKEN_SCOPES), merge_scopes, as_list
        )
    for section in spawner_sections(c, "args"):
        args = [a for a in as_list(section.get("args")) if not a.startswith(AUTHORIZER_ARG + "=")]
        section.args = args + [f"{AUTHORIZER_ARG}={AUTHORIZER}"]
    return roles


def _lazy(value) -> bool:
    return hasattr(value, "get_value")


class _WithScopes:
    """Wraps a callable scope list (``oauth_client_allowed_scopes``,
    ``server_token_scopes``) and adds ``extra`` to its result."""

    def __init__(self, wrapped, extra, merge_scopes):
        self.wrapped = wrapped
        self.extra = list(extra)
        self.merge_scopes = merge_scopes

    async def __call__(self, spawner):
        scopes = self.wrapped(spawner)
        if inspect.isawaitable(scopes):
            scopes = await scopes
        return self.merge_scopes(scopes or [], self.extra)


def _merge_maybe_callable(value, extra, merge_scopes, as_list):
    if isinstance(value, _WithScopes):
        value.extra = merge_scopes(value.extra, extra)
        return value
    if callable(value) and not _lazy(value):
        return _WithScopes(value, extra, merge_scopes)
    return merge_scopes(as_list(value), extra)
