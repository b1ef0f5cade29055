"""Unit tests for the access-level rules (jupyterlab_user_sharing/access/policy.py)."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from jupyterlab_user_sharing.access import policy
from jupyterlab_user_sharing.hub_access import EDIT_SCOPE, VIEW_SCOPE, ends_scope

ACCESS = "access:servers!server=alice/"


def share(user, *scopes, created="2026-01-01T10:00:00Z", kind="user"):
    return {"kind": kind, "user": {"name": user} if kind == "user" else None,
            "group": {"name": user} if kind == "group" else None,
            "scopes": [ACCESS, *scopes], "created_at": created}


VIEW = f"{VIEW_SCOPE}!server=alice/"
EDIT = f"{EDIT_SCOPE}!server=alice/"


def level_of(shares, name="bob", groups=()):
    return policy.visitor_level(policy.index(shares), {"name": name, "groups": list(groups)})


def test_a_share_with_the_view_scope_gives_view_access():
    assert level_of([share("bob", VIEW)]) == "view"


def test_a_share_without_an_access_level_scope_keeps_full_access():
    assert level_of([share("bob")]) == "full"


def test_edit_wins_over_view():
    assert level_of([share("bob", VIEW, EDIT)]) == "full"
    assert level_of([share("bob", VIEW), share("staff", EDIT, kind="group")], groups=["staff"]) == "full"


def test_a_group_share_reaches_its_members_only():
    shares = [share("staff", VIEW, kind="group")]
    assert level_of(shares, groups=["staff"]) == "view"
    assert level_of(shares, groups=["others"]) is None


def test_someone_without_a_share_has_no_level_from_shares():
    assert level_of([share("carol", VIEW)]) is None


@pytest.mark.parametrize("action, resource, handler", [
    ("read", "contents", "ContentsHandler"),
    ("read", "files", "FilesHandler"),
    ("read", "nbconvert", "NbconvertFileHandler"),
    ("write", "contents", "DocSessionHandler"),
])
def test_a_viewer_may_read_and_open_documents(action, resource, handler):
    assert policy.viewer_may(action, resource, handler, websocket=False)


@pytest.mark.parametrize("action, resource, handler", [
    ("write", "contents", "ContentsHandler"),  # save, create, rename, upload, delete
    ("write", "kernels", "MainKernelHandler"),  # start a kernel
    ("write", "sessions", "SessionRootHandler"),
    ("write", "terminals", "TerminalRootHandler"),
    ("execute", "kernels", "KernelActionHandler"),
])
def test_a_viewer_may_change_nothing_and_run_nothing(action, resource, handler):
    assert not policy.viewer_may(action, resource, handler, websocket=False)


# Handlers that never ask the Authorizer (found by listing a server's routes
# with write methods); the request gate refuses viewers there too.
@pytest.mark.parametrize("method, handler", [
    ("PUT", "SettingsHandler"),  # lab/api/settings: the owner's settings
    ("PUT", "WorkspacesHandler"),  # lab/api/workspaces: the owner's layouts
    ("DELETE", "WorkspacesHandler"),
    ("POST", "ExtensionHandler"),  # lab/api/extensions: installs packages
    ("POST", "PluginHandler"),  # lab/api/plugins: enables and disables plugins
    ("POST", "BuildHandler"),
    ("PATCH", "IdentityHandler"),  # api/me
    ("PUT", "ContentsHandler"),
    ("POST", "SomeFutureHandler"),  # default deny
])
def test_a_viewer_changes_nothing_even_where_the_authorizer_is_not_asked(method, handler):
    assert not policy.viewer_may_request(method, handler, websocket=False)


@pytest.mark.parametrize("method, handler, websocket", [
    ("GET", "SettingsHandler", False),
    ("HEAD", "FilesHandler", False),
    ("GET", "WorkspacesHandler", False),
    ("PUT", "DocSessionHandler", False),  # the document's id, before its websocket
    ("GET", "YDocWebSocketHandler", True),
    ("GET", "SubscribeWebsocket", True),
])
def test_the_request_gate_lets_a_viewer_read(method, handler, websocket):
    assert policy.viewer_may_request(method, handler, websocket)


@pytest.mark.parametrize("handler", ["KernelWebsocketHandler", "TermSocket", "LanguageServerWebSocketHandler"])
def test_the_request_gate_closes_other_websockets_to_a_viewer(handler):
    assert not policy.viewer_may_request("GET", handler, websocket=True)


@pytest.mark.parametrize("action, resource, handler, allowed", [
    ("read", "contents", "YDocWebSocketHandler", True),
    ("execute", "events", "SubscribeWebsocket", True),
    ("execute", "kernels", "KernelWebsocketHandler", False),
    ("execute", "terminals", "TermSocket", False),
    ("read", "contents", "SomeOtherWebSocket", False),
])
def test_a_viewer_opens_only_known_read_only_websockets(action, resource, handler, allowed):
    assert policy.viewer_may(action, resource, handler, websocket=True) is allowed


# y-protocols: [type, step, payload...]
@pytest.mark.parametrize("message, allowed", [
    (bytes([0, 0, 1, 0]), True),  # sync step 1: a state vector
    (bytes([1, 3, 1, 2, 3]), True),  # awareness
    (bytes([0, 1, 2, 0, 0]), False),  # sync step 2: changes
    (bytes([0, 2, 2, 0, 0]), False),  # update: changes
    (bytes([2, 4]) + b"save" + bytes([7]), False),  # jupyter-server-ydoc's save
    (bytes([125, 0]), False),  # chat, or any type we do not know
    (b"", False),
    (bytes([0x80, 0x00, 0x00]), False),  # a zero written in two bytes: not what it seems
    (bytes([0, 0x80, 0x00]), False),
])
def test_a_viewer_sends_only_requests_and_awareness(message, allowed):
    assert policy.yjs_viewer_may_send(message) is allowed


def test_a_save_request_is_recognised_and_answered():
    assert policy.yjs_save_request_id(bytes([2, 4]) + b"save" + bytes([0xAC, 0x02])) == 300
    assert policy.yjs_save_request_id(bytes([0, 2, 0])) is None
    reply = policy.yjs_save_reply(300, "failed")
    assert reply[0] == 2
    length, pos = policy.read_varuint(reply, 1)
    assert reply[pos:] == b'{"type": "save", "responseTo": 300, "status": "failed"}'
    assert length == len(reply) - pos


def test_a_share_ends_its_hours_after_it_was_first_granted():
    s = share("bob", f"{ends_scope(4)}!server=alice/", created="2026-01-01T10:00:00.5Z")
    assert policy.ends_at(s) == datetime(2026, 1, 1, 14, 0, 0, 500000, tzinfo=timezone.utc)


def test_a_share_without_hours_ends_when_the_server_stops():
    assert policy.ends_at(share("bob")) is None


def test_the_shortest_hours_win():
    s = share("bob", f"{ends_scope(24)}!server=alice/", f"{ends_scope(2)}!server=alice/")
    assert policy.ends_after_hours(s["scopes"]) == 2


def test_only_shares_whose_time_is_up_expire():
    due = share("bob", f"{ends_scope(1)}!server=alice/", created="2026-01-01T10:00:00Z")
    later = share("carol", f"{ends_scope(2)}!server=alice/", created="2026-01-01T10:00:00Z")
    now = datetime(2026, 1, 1, 11, 30, tzinfo=timezone.utc)
    assert policy.expired([due, later, share("dave")], now) == [due]


def test_a_viewer_reads_contents_marked_not_writable():
    folder = {"type": "directory", "writable": True,
              "content": [{"type": "notebook", "writable": True, "content": None}]}
    marked = policy.read_only(folder)
    assert marked["writable"] is False and marked["content"][0]["writable"] is False
    assert folder["writable"] is True  # the manager's own model is left alone
