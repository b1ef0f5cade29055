"""Unit tests for the enforcer's bookkeeping (jupyterlab_user_sharing/access/enforcer.py),
with the hub's share list and HubOAuth's cache stood in for."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from tornado import web

from jupyterlab_user_sharing.access.enforcer import CLOSE_CODE, REFUSED, AccessEnforcer
from jupyterlab_user_sharing.hub_access import VIEW_SCOPE


class Cache(dict):
    """Like HubAuth's _ExpiringDict: its entries in ``values``."""

    def __init__(self, entries):
        super().__init__()
        self.values = dict(entries)

    def __delitem__(self, key):
        del self.values[key]


class HubAuth:
    def __init__(self, cache):
        self.cache = cache


class Socket:
    closed = None

    def close(self, code, reason):
        self.closed = (code, reason)


def share(name, *scopes, kind="user"):
    return {"kind": kind, "user": {"name": name} if kind == "user" else None,
            "group": {"name": name} if kind == "group" else None,
            "scopes": ["access:servers!server=alice/", *scopes], "created_at": "2026-01-01T00:00:00Z"}


def enforcer(shares, cache=()):
    e = AccessEnforcer(hub_auth=HubAuth(Cache(cache)), owner="alice", server_name="")
    e.listed = shares

    async def list_shares():
        return list(e.listed)

    e.list_shares = list_shares
    return e


def bob(groups=()):
    return {"name": "bob", "kind": "user", "groups": list(groups)}


def test_an_unknown_visitor_waits_for_a_fresh_list_and_gets_its_level():
    e = enforcer([share("bob", f"{VIEW_SCOPE}!server=alice/")])
    assert e.known_level(bob()) is None
    assert asyncio.run(e.level_for(bob())) == "view"
    assert e.known_level(bob()) == "view"


def test_access_without_a_share_is_full_and_remembered():
    e = enforcer([])
    assert asyncio.run(e.level_for(bob())) == "full"
    assert e.known_level(bob()) == "full"


def test_nobody_but_the_owner_gets_in_before_the_shares_were_listed():
    e = enforcer([])

    async def unreachable():
        raise OSError("hub away")

    e.list_shares = unreachable
    assert asyncio.run(e.level_for(bob())) == REFUSED


def test_a_share_that_goes_evicts_its_user_and_refuses_them_once():
    cache = {"token:s:1": {"name": "bob", "kind": "user"}, "token:s:2": {"name": "carol", "kind": "user"}}
    e = enforcer([share("bob"), share("carol")], cache)
    socket = Socket()
    asyncio.run(e.refresh())
    e.saw(socket, bob())  # not a websocket: not kept
    e.sockets["bob"].add(socket)
    e.listed = [share("carol")]
    assert asyncio.run(e.refresh()) == ["bob"]
    assert list(e.hub_auth.cache.values) == ["token:s:2"]
    assert socket.closed == (CLOSE_CODE, "access revoked")
    assert asyncio.run(e.level_for(bob())) == REFUSED
    assert asyncio.run(e.level_for(bob())) == "full"  # still let in by the hub: not by a share


def test_a_changed_level_evicts_and_a_new_share_does_not():
    e = enforcer([share("bob")])
    asyncio.run(e.refresh())
    e.listed = [share("bob", f"{VIEW_SCOPE}!server=alice/"), share("carol")]
    assert asyncio.run(e.refresh()) == ["bob"]
    assert e.known_level(bob()) == "view"


def test_a_group_share_that_goes_evicts_the_members_seen():
    e = enforcer([share("staff", kind="group")])
    asyncio.run(e.refresh())
    e.saw(object(), bob(groups=["staff"]))
    e.listed = []
    assert asyncio.run(e.refresh()) == ["bob"]


def test_a_newer_refresh_starts_after_the_running_one():
    e = enforcer([share("bob")])
    calls = []

    async def slow_list():
        calls.append(len(calls))
        await asyncio.sleep(0.05)
        return list(e.listed)

    e.list_shares = slow_list

    async def both():
        first = asyncio.ensure_future(e.refresh())
        await asyncio.sleep(0.01)
        await asyncio.gather(first, e.refresh(), e.refresh(newer=True))

    asyncio.run(both())
    assert calls == [0, 1]  # the plain call shared the first listing; "newer" made a second


class SettingsHandler:
    """JupyterLab's settings handler stood in for: it never asks the Authorizer."""

    def __init__(self, method):
        self.request = SimpleNamespace(method=method)


def refusal(e, method, visitor):
    try:
        asyncio.run(e.check_request(SettingsHandler(method), visitor))
    except web.HTTPError as error:
        return error.status_code, error.reason
    return None


def test_the_request_gate_refuses_a_viewers_change_where_the_authorizer_is_not_asked():
    e = enforcer([share("bob", f"{VIEW_SCOPE}!server=alice/"), share("carol")])
    assert refusal(e, "GET", bob()) is None  # reading the settings
    assert refusal(e, "PUT", bob()) == (403, "View only")
    assert refusal(e, "PUT", {"name": "carol", "kind": "user"}) is None  # full access


def test_the_request_gate_lets_nothing_through_for_a_visitor_it_cannot_place():
    e = enforcer([])

    async def unreachable():
        raise OSError("hub away")

    e.list_shares = unreachable
    status, reason = refusal(e, "GET", bob())
    assert status == 403 and reason != "View only"  # not a viewer: their access is not known


def test_the_owner_is_the_owner_by_name_and_kind():
    e = enforcer([])
    assert e.is_owner({"name": "alice", "kind": "user"})
    assert not e.is_owner({"name": "alice", "kind": "service"})
    assert not e.is_owner(bob())
