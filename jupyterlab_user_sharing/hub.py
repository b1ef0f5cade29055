"""Hub-side setup for jupyterlab-user-sharing, in one call.

In ``jupyterhub_config.py`` (put it after your own settings)::

    from jupyterlab_user_sharing.hub import configure
    configure(c)

This merges into what is already configured, never replaces it:

- refuses a JupyterHub older than 5.5.1, which lacks the security fixes of
  its sharing pages (5.4.5: a cross-site request forgery accepting an
  invitation; 5.5.1: GHSA-c4gm-pwx9-9w8j, cross-site scripting on the
  accept-invitation page), unless ``allow_insecure_hub=True``;
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
- ``revoke_on_start=True`` (default): a ``Spawner.pre_spawn_hook`` deletes the
  share codes, then the shares, of a server each time it starts, inside the
  hub process through the hub's own database session. No service and no token
  is registered. ``keep_group_shares=True`` keeps the shares with groups. An
  already configured hook runs first, then ours. If revoking fails the spawn
  goes on with a warning, or, with ``fail_closed=True``, stops with a message;
- ``auth_cache_max_age=N``: appends ``--HubOAuth.cache_max_age=N`` to
  ``c.Spawner.args`` so a revoked user loses access after at most N seconds
  instead of 300, at the cost of one more hub request per user every N seconds.

When the hub has started it checks once that revoke-on-start can work and
logs the result, with a warning if ``c.Spawner.oauth_roles`` is set (ignored
by JupyterHub once ``oauth_client_allowed_scopes`` is) and a note if
``JupyterHub.subdomain_host`` is unset (docs/admin.md, "Security notes").

Calling it twice is harmless. The settings also go into a ``c.<X>Spawner``
section (e.g. ``c.KubeSpawner``) that already sets the same option, since that
one would otherwise win. Only the standard library is imported: the module can
be used in a hub without JupyterLab, and copied as a single file. (JupyterHub's
own modules are imported inside the functions that run in the hub.)
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import sys
import warnings

__all__ = ["configure", "RevokeSharesOnStart", "InsecureHubError"]

USER_SCOPES = ("shares!user",)
SERVER_SCOPES = ("access:servers!server", "shares!server", "users:shares!user")
# ``self`` holds it already; a "user" role without ``self`` gets it added
LEAVE_SCOPE = "users:shares!user"
NAME_SCOPES = ("read:users:name", "read:groups:name")
CACHE_ARG = "--HubOAuth.cache_max_age"
LOG_PREFIX = "jupyterlab-user-sharing:"
# 5.4.5 fixed a CSRF accepting shares, 5.5.1 an XSS on the accept-share page
SAFE_HUB_VERSION = (5, 5, 1)
SHARING_HUB_VERSION = (5, 0, 0)
# how many names of revoked users and groups the log line shows
LOG_NAMES = 20
# arguments of the former service-based revocation, still accepted
_DEPRECATED = ("service_name", "service_token", "hub_api_url")


class InsecureHubError(RuntimeError):
    """``configure`` refuses this JupyterHub (too old for safe sharing)."""


def configure(
    c,
    *,
    revoke_on_start: bool = True,
    keep_group_shares: bool = False,
    fail_closed: bool = False,
    log_names: bool = True,
    auth_cache_max_age: int | None = None,
    allow_insecure_hub: bool = False,
    share_by_name: bool = False,
    access_levels: bool = False,
    **deprecated,
) -> None:
    """Enable user sharing on the traitlets config ``c`` of ``jupyterhub_config.py``.

    ``configure`` only adds: a later call with ``revoke_on_start=False`` does
    not remove the hook of an earlier call. ``access_levels=True`` also sets
    up view-only shares and immediate revocation (``hub_access.py``;
    docs/admin.md). ``service_name``, ``service_token`` and ``hub_api_url``
    (the former revocation through a service's token) are accepted and
    ignored, with a ``DeprecationWarning``.
    """
    unknown = sorted(set(deprecated) - set(_DEPRECATED))
    if unknown:
        raise TypeError(f"configure() got unexpected keyword arguments: {', '.join(unknown)}")
    notes = []  # (level, message), logged once the hub runs
    if deprecated:
        message = (
            f"{LOG_PREFIX} configure(c, {', '.join(sorted(deprecated))}=...) is deprecated and "
            "ignored: revoke-on-start now runs inside the hub, through its own database; "
            "no service or token is registered any more (remove the arguments, and any "
            "'user-sharing-revoker' service or role you added for it)"
        )
        warnings.warn(message, DeprecationWarning, stacklevel=2)
        notes.append((logging.WARNING, message))
    notes += _check_hub_version(allow_insecure_hub)

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
    notes += _oauth_roles_notes(c)

    if revoke_on_start:
        for section in _spawner_sections(c, "pre_spawn_hook"):
            previous = section.get("pre_spawn_hook")
            if hasattr(previous, "get_value"):  # a LazyConfigValue: never set
                previous = None
            elif isinstance(previous, RevokeSharesOnStart):  # our own, from an earlier call
                previous = previous.chained
            section.pre_spawn_hook = RevokeSharesOnStart(
                chained=previous,
                keep_group_shares=keep_group_shares,
                fail_closed=fail_closed,
                log_names=log_names,
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

    _when_the_hub_runs(lambda app: startup_report(app, notes, revoke_on_start, keep_group_shares))


# ---- the version floor ------------------------------------------------------


def hub_version() -> str | None:
    """The version of the JupyterHub this runs in (or installed), if known."""
    module = sys.modules.get("jupyterhub")
    if getattr(module, "__version__", None):
        return module.__version__
    from importlib import metadata

    try:
        return metadata.version("jupyterhub")
    except metadata.PackageNotFoundError:
        return None


def parse_version(version: str) -> tuple[int, int, int] | None:
    """``"5.5.1"``, ``"6.0.0b1"``, ``"5.4"`` -> ``(5, 5, 1)``, ``(6, 0, 0)``,
    ``(5, 4, 0)``; ``None`` without a leading number."""
    parts = []
    for part in version.strip().lstrip("vV").split(".")[:3]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        if not digits:
            break
        parts.append(int(digits))
        if len(digits) < len(part):  # "0b1": a pre-release tag ends the number
            break
    if not parts:
        return None
    return tuple(parts + [0] * (3 - len(parts)))


def _check_hub_version(allow_insecure_hub: bool) -> list:
    """Refuse hubs older than 5.5.1 (raises ``InsecureHubError``) unless
    allowed; returns what to log."""
    version = hub_version()
    parsed = parse_version(version) if version else None
    if parsed is None:
        return [(logging.WARNING, f"{LOG_PREFIX} could not tell the JupyterHub version "
                 f"({version!r}); sharing needs 5.5.1 or newer")]
    if parsed >= SAFE_HUB_VERSION:
        return []
    if parsed < SHARING_HUB_VERSION:
        raise InsecureHubError(
            f"{LOG_PREFIX} JupyterHub {version} has no sharing API (it came in 5.0); "
            "upgrade to JupyterHub 5.5.1 or newer"
        )
    risk = (
        f"JupyterHub {version} lacks security fixes of its sharing pages: 5.4.5 fixed a "
        "cross-site request forgery that makes a logged-in user accept an invitation, "
        "5.5.1 a cross-site scripting hole on the accept-invitation page "
        "(GHSA-c4gm-pwx9-9w8j)"
    )
    if not allow_insecure_hub:
        raise InsecureHubError(
            f"{LOG_PREFIX} {risk}. Upgrade JupyterHub to 5.5.1 or newer, or accept the risk "
            "with configure(c, allow_insecure_hub=True)."
        )
    return [(logging.WARNING, f"{LOG_PREFIX} {risk}; enabled anyway (allow_insecure_hub=True). "
             "Owners see this warning in the sharing dialog.")]


# ---- what the hub logs at start ------------------------------------------------


def _oauth_roles_notes(c) -> list:
    notes = []
    for name in ["Spawner"] + [n for n in c.keys() if n.endswith("Spawner") and n != "Spawner"]:
        section = c[name]
        value = section.get("oauth_roles") if hasattr(section, "get") else None
        if value is not None and not hasattr(value, "get_value"):
            notes.append((logging.WARNING, (
                f"{LOG_PREFIX} c.{name}.oauth_roles is set, but JupyterHub ignores it once "
                "oauth_client_allowed_scopes is set, which configure(c) does: move the scopes "
                f"of those roles into c.{name}.oauth_client_allowed_scopes"
            )))
    return notes


def _when_the_hub_runs(callback) -> None:
    """Call ``callback(app)`` once the hub running this config has started
    (its database, proxy and logging ready); right away with ``app=None``
    when this is no hub starting (a test, a config check)."""
    app_module = sys.modules.get("jupyterhub.app")
    app = None
    if app_module is not None and app_module.JupyterHub.initialized():
        app = app_module.JupyterHub.instance()
    started = getattr(app, "_start_future", None)
    if isinstance(started, asyncio.Future) and not started.done():
        started.add_done_callback(lambda future: None if future.cancelled() else callback(app))
    else:
        callback(app)


def _hub_log(app=None) -> logging.Logger:
    return getattr(app, "log", None) or logging.getLogger("JupyterHub")


def startup_report(app, notes, revoke_on_start: bool, keep_group_shares: bool) -> bool:
    """Log, once, what the admin must know; with revoke-on-start, check it
    can work (JupyterHub's share tables, read through the hub's database).
    Returns whether revoke-on-start can work (True when it is off)."""
    log = _hub_log(app)
    for level, message in notes:
        log.log(level, message)
    if app is not None and not getattr(app, "subdomain_host", ""):
        log.warning(
            "%s JupyterHub.subdomain_host is not set: all servers share the hub's origin, so "
            "an owner's JavaScript (in a notebook's output, say) runs at the hub's origin in "
            "the browser of everyone they share with. Per-user subdomains prevent that "
            "(docs/admin.md, Security notes).", LOG_PREFIX,
        )
    if not revoke_on_start:
        return True
    try:
        from jupyterhub import orm

        db = getattr(app, "db", None)
        for table in (orm.ShareCode, orm.Share):
            if db is not None:
                db.query(table.id).filter(table.spawner_id.is_(None)).limit(1).all()
    except Exception as e:
        if getattr(app, "db", None) is not None:
            app.db.rollback()
        log.error(
            "%s revoke-on-start cannot work here (%s): shares and invite links will survive "
            "server restarts", LOG_PREFIX, _reason(e),
        )
        return False
    log.info(
        "%s revoke-on-start is on: each server start deletes its invite links, then %s",
        LOG_PREFIX,
        "its shares with users (shares with groups are kept)" if keep_group_shares
        else "all its shares",
    )
    return True


def _reason(e: BaseException) -> str:
    return f"{type(e).__name__}: {e}" if str(e) else type(e).__name__


# ---- revoke on start ----------------------------------------------------------


class RevokeSharesOnStart:
    """``Spawner.pre_spawn_hook``: delete the share codes, then the shares,
    of the server about to start, in the hub's own database.

    Codes go first (committed), so that a live link cannot make a new share
    after the shares are gone. ``keep_group_shares`` keeps shares with
    groups. ``log_names`` lists who lost access in the log line (read from
    the rows being deleted; a failure there never stops the deletes).

    ``chained`` (the hook configured before, sync or async) runs first; if it
    raises, the spawn fails as it would have without us and nothing is
    revoked. If revoking fails, the spawn goes on with a warning in the log,
    or with ``fail_closed`` the spawn stops with an error saying why.
    """

    def __init__(self, *, chained=None, keep_group_shares=False, fail_closed=False,
                 log_names=True):
        self.chained = chained
        self.keep_group_shares = keep_group_shares
        self.fail_closed = fail_closed
        self.log_names = log_names

    def __repr__(self):
        return (
            f"<RevokeSharesOnStart chained={self.chained!r} "
            f"keep_group_shares={self.keep_group_shares} fail_closed={self.fail_closed}>"
        )

    async def __call__(self, spawner):
        if self.chained is not None:
            result = self.chained(spawner)
            if inspect.isawaitable(result):
                await result
        self.revoke(spawner)

    def revoke(self, spawner) -> None:
        """Revoke (on the hub's event loop thread: its database session is
        not shared with other threads), log, and maybe stop the spawn."""
        log = getattr(spawner, "log", None) or _hub_log()
        where = f"{spawner.user.name}/{spawner.name or ''}"
        try:
            names, codes = self.delete(spawner.db, spawner.orm_spawner)
        except Exception as e:
            reason = _reason(e)
            if self.fail_closed:
                log.error("%s could not revoke shares of %s (%s); not starting it (fail_closed)",
                          LOG_PREFIX, where, reason)
                raise RuntimeError(
                    f"Sharing could not be reset for this new session ({reason}), so the "
                    "server does not start. Ask your hub administrator; the hub log has details."
                ) from e
            log.warning("%s could not revoke shares of %s before it starts (%s); starting anyway",
                        LOG_PREFIX, where, reason)
            return
        if names or codes:
            log.info("%s server %s is starting: revoked access of %s and %d share code(s)",
                     LOG_PREFIX, where, ", ".join(names) or "nobody", codes)
        else:
            log.debug("%s server %s is starting: nothing to revoke", LOG_PREFIX, where)

    def delete(self, db, orm_spawner) -> tuple[list[str], int]:
        """Delete this spawner's share codes (commit), then its shares
        (commit). Returns the names of who lost access (or how many, when
        names are off) and the number of codes."""
        from jupyterhub import orm  # only ever runs inside the hub

        try:
            codes = db.query(orm.ShareCode).filter(orm.ShareCode.spawner_id == orm_spawner.id).all()
            for code in codes:
                db.delete(code)
            db.commit()
            query = db.query(orm.Share).filter(orm.Share.spawner_id == orm_spawner.id)
            if self.keep_group_shares:
                query = query.filter(orm.Share.group_id.is_(None))
            shares = query.all()
            names = _share_names(shares) if self.log_names else []
            stale = _holders(orm_spawner, shares)
            for share in shares:
                db.delete(share)
            db.commit()
            # the hub's session keeps loaded collections (spawner.shares,
            # user.shared_with_me, ...) after a commit: reload them
            if stale is None:
                db.expire_all()
            for obj in stale or ():
                db.expire(obj)
        except Exception:
            db.rollback()
            raise
        code_count = len(codes)
        if not self.log_names and shares:
            names = [f"{len(shares)} user(s) or group(s)"]
        return names, code_count


def _share_name(share) -> str:
    return f"group {share.group.name}" if share.group is not None else share.user.name


def _holders(orm_spawner, shares):
    """The objects whose loaded collections hold these shares or the
    spawner's codes, or ``None`` if they cannot be told."""
    try:
        holders = {orm_spawner, orm_spawner.user}
        holders.update(x for share in shares for x in (share.user, share.group))
    except Exception:
        return None
    return holders - {None}


def _share_names(shares) -> list[str]:
    """``bob``, ``group staff``, ... (at most LOG_NAMES, then "N more"), for
    the log only: any failure here gives a count instead."""
    try:
        names = [_share_name(share) for share in shares[:LOG_NAMES]]
    except Exception:
        return [f"{len(shares)} user(s) or group(s)"]
    if len(shares) > LOG_NAMES:
        names.append(f"{len(shares) - LOG_NAMES} more")
    return names


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
