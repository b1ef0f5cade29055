"""What each access level may do: pure functions, no Jupyter imports.

A visitor's access level comes from their shares of this server, as the
hub lists them (``GET /hub/api/shares/{owner}/{server}``, with the server's
own token). The hub does not put a share's other scopes on the visitor's
OAuth token (it copies only the scopes of their roles), so the token cannot
tell.

- the owner, and anyone whose share holds ``custom:user-sharing:edit``:
  **full** access;
- anyone else whose share holds ``custom:user-sharing:view``: **view**;
- a share without an access-level scope (made before, or without our
  dialog), and anyone with access but no share (an admin's role): **full**,
  which is what such access always meant.

Edit wins over view: someone who accepted both kinds of link (the hub merges
them into one share), or who has a user and a group share, keeps the larger.

A viewer may read everything (files, notebooks with outputs, downloads) and
nothing else; ``viewer_may`` is the whole list of exceptions.
"""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from ..hub_access import EDIT_SCOPE, ENDS_SCOPE_PREFIX, VIEW_SCOPE

FULL = "full"
VIEW = "view"


def _bases(scopes) -> set[str]:
    return {scope.partition("!")[0] for scope in scopes or ()}


def share_level(share: dict) -> str:
    bases = _bases(share.get("scopes"))
    if EDIT_SCOPE in bases:
        return FULL
    return VIEW if VIEW_SCOPE in bases else FULL


def combine(levels) -> str | None:
    """The larger of ``levels``; None when there is none."""
    levels = set(levels)
    if FULL in levels:
        return FULL
    return VIEW if VIEW in levels else None


def index(shares) -> dict[tuple[str, str], str]:
    """``{("user" | "group", name): level}`` of a server's shares."""
    levels: dict[tuple[str, str], list[str]] = {}
    for share in shares:
        key = who(share)
        levels.setdefault(key, []).append(share_level(share))
    return {key: combine(found) for key, found in levels.items()}


def who(share: dict) -> tuple[str, str]:
    if share.get("group"):
        return ("group", share["group"]["name"])
    return ("user", (share.get("user") or {}).get("name", ""))


def visitor_level(levels: dict, hub_user: dict) -> str | None:
    """The level of ``hub_user`` (the hub's user model: name, groups) from an
    ``index``; None if no share of theirs is listed."""
    keys = [("user", hub_user.get("name", ""))]
    keys += [("group", g) for g in hub_user.get("groups") or ()]
    return combine(levels[k] for k in keys if k in levels)


# (action, resource) pairs a viewer may do besides reading: following the
# server's events (file saved, who joined a document) is reading too.
VIEWER_EXTRA = {("execute", "events")}
# Handlers whose "write" changes no file: jupyter-collaboration's document
# session (it only looks up, or indexes, the file's id before the document's
# websocket opens).
VIEWER_WRITE_HANDLERS = {"DocSessionHandler"}
# Websockets a viewer may open. Every other websocket is refused, also a
# "read" one: a websocket can carry changes in its messages. The document
# websocket is filtered message by message (``yjs_viewer_may_send``).
VIEWER_WEBSOCKETS = {"YDocWebSocketHandler", "SubscribeWebsocket"}


def viewer_may(action: str, resource: str, handler_name: str, websocket: bool) -> bool:
    if websocket:
        return handler_name in VIEWER_WEBSOCKETS and (
            action == "read" or (action, resource) in VIEWER_EXTRA
        )
    if action == "read" or (action, resource) in VIEWER_EXTRA:
        return True
    return action == "write" and handler_name in VIEWER_WRITE_HANDLERS


SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# The answer's ``reason`` when a viewer is refused by the request gate
# (``viewer_may_request``): JupyterLab can tell "view only" from "access ended".
VIEW_ONLY_REASON = "View only"


def viewer_may_request(method: str, handler_name: str, websocket: bool) -> bool:
    """Every request of a viewer, before its handler runs, whether or not the
    handler asks the Authorizer: JupyterLab's settings, workspaces, extension
    manager and build handlers, and any extension's, never do. Default deny:
    only reading methods, the document session (``VIEWER_WRITE_HANDLERS``) and
    the websockets a viewer may open (``VIEWER_WEBSOCKETS``) go on."""
    if websocket:
        return handler_name in VIEWER_WEBSOCKETS
    return method in SAFE_METHODS or handler_name in VIEWER_WRITE_HANDLERS


def read_only(model: dict) -> dict:
    """A contents model (and a directory's entries) marked not writable, so a
    viewer's JupyterLab shows documents read-only instead of failing on save."""
    model = dict(model, writable=False)
    if model.get("type") == "directory" and isinstance(model.get("content"), list):
        model["content"] = [dict(entry, writable=False) for entry in model["content"]]
    return model


# Yjs websocket messages (y-protocols): the first varint is the type, for
# sync messages the second is the step (each one byte for these values).
YJS_SYNC, YJS_AWARENESS = 0, 1
YJS_SYNC_STEP1 = 0  # "send me what I miss": carries no change
YDOC_RAW = 2  # jupyter-server-ydoc: a JSON request, e.g. "save"


def read_varuint(data: bytes, pos: int = 0) -> tuple[int, int]:
    """(value, next position) of the unsigned LEB128 varint at ``pos``."""
    value = shift = 0
    while True:
        if pos >= len(data):
            raise ValueError("truncated varint")
        byte = data[pos]
        pos += 1
        value |= (byte & 0x7F) << shift
        if byte < 0x80:
            return value, pos
        shift += 7
        if shift > 63:
            raise ValueError("varint too long")


def yjs_viewer_may_send(message) -> bool:
    """A viewer's message to a document websocket goes on only if it can change
    nothing: a sync step 1 (a request for updates) or awareness (cursor,
    name). Sync step 2 and updates carry changes; jupyter-server-ydoc's own
    types (save, chat, and any future one) are refused too. Checked byte by
    byte, exactly as pycrdt's room reads them (``message[0]``, ``message[1]``)."""
    if isinstance(message, str):
        message = message.encode()
    if len(message) >= 1 and message[0] == YJS_AWARENESS:
        return True
    return len(message) >= 2 and message[0] == YJS_SYNC and message[1] == YJS_SYNC_STEP1


def yjs_save_request_id(message) -> int | None:
    """The id of jupyter-server-ydoc's "save" request (type 2, the string
    "save", an id), or None for any other message."""
    try:
        data = message.encode() if isinstance(message, str) else bytes(message)
        kind, pos = read_varuint(data)
        if kind != YDOC_RAW:
            return None
        length, pos = read_varuint(data, pos)
        if data[pos:pos + length] != b"save":
            return None
        return read_varuint(data, pos + length)[0]
    except (ValueError, TypeError):
        return None


def write_varuint(value: int) -> bytes:
    out = bytearray()
    while True:
        byte = value & 0x7F
        value >>= 7
        if value:
            out.append(byte | 0x80)
        else:
            out.append(byte)
            return bytes(out)


def yjs_save_reply(save_id: int, status: str) -> bytes:
    """jupyter-server-ydoc's answer to a save request."""
    text = json.dumps({"type": "save", "responseTo": save_id, "status": status}).encode()
    return write_varuint(YDOC_RAW) + write_varuint(len(text)) + text


# ---- access that ends on its own ---------------------------------------------


def parse_time(text: str) -> datetime:
    """The hub's ISO 8601 UTC timestamps (``Z``; fractions only when not zero)."""
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(timezone.utc)


def ends_after_hours(scopes) -> int | None:
    """The shortest "ends after N hours" a share's scopes carry, or None."""
    hours = []
    for scope in scopes or ():
        base = scope.partition("!")[0]
        if base.startswith(ENDS_SCOPE_PREFIX):
            try:
                hours.append(int(base[len(ENDS_SCOPE_PREFIX):]))
            except ValueError:
                continue
    return min(hours) if hours else None


HOUR = timedelta(hours=1)


def ends_at(share: dict, hour: timedelta = HOUR) -> datetime | None:
    """When a share (the hub's model) ends: ``created_at`` (when access was
    first granted) plus its hours, or None for "when the server stops"."""
    hours = ends_after_hours(share.get("scopes"))
    if hours is None or not share.get("created_at"):
        return None
    return parse_time(share["created_at"]) + hours * hour


def expired(shares, now: datetime, hour: timedelta = HOUR) -> list[dict]:
    return [s for s in shares if (end := ends_at(s, hour)) is not None and end <= now]
