"""Unit tests for configure(c, access_levels=True) (jupyterlab_user_sharing/hub_access.py)."""

from __future__ import annotations

import asyncio
from types import SimpleNamespace

from traitlets.config import Config

from jupyterlab_user_sharing.hub import configure
from jupyterlab_user_sharing.hub_access import (
    AUTHORIZER,
    EDIT_SCOPE,
    VIEW_SCOPE,
    all_scopes,
    ends_scope,
)

ARG = f"--ServerApp.authorizer_class={AUTHORIZER}"


def role(c, name):
    return next(r for r in c.JupyterHub.load_roles if r["name"] == name)


def test_without_access_levels_nothing_of_them_is_configured():
    c = Config()
    configure(c)
    assert "custom_scopes" not in c.JupyterHub
    assert "server_token_scopes" not in c.Spawner
    assert "args" not in c.Spawner


def test_access_levels_define_grant_allow_and_enforce_the_scopes():
    c = Config()
    configure(c, access_levels=True)
    assert set(c.JupyterHub.custom_scopes) == set(all_scopes())
    assert {VIEW_SCOPE, EDIT_SCOPE, ends_scope(4)} <= set(all_scopes())
    assert f"{VIEW_SCOPE}!user" in role(c, "user")["scopes"]
    assert "shares!user" in role(c, "user")["scopes"]
    allowed = c.Spawner.oauth_client_allowed_scopes
    assert allowed[:2] == ["access:servers!server", "shares!server"]
    assert f"{VIEW_SCOPE}!server" in allowed and f"{ends_scope(168)}!server" in allowed
    assert c.Spawner.server_token_scopes == [
        "users:activity!user", "access:servers!server", "shares!server",
    ]
    assert c.Spawner.args == [ARG]


def test_the_admins_settings_are_kept_and_a_second_call_changes_nothing():
    c = Config()
    c.JupyterHub.custom_scopes = {"custom:mine": {"description": "mine"}}
    c.Spawner.args = ["--debug"]
    c.Spawner.server_token_scopes = ["users:activity!user", "read:users:name"]
    c.KubeSpawner.args = ["--KubeArg=1"]
    configure(c, access_levels=True)
    configure(c, access_levels=True)
    assert "custom:mine" in c.JupyterHub.custom_scopes
    assert c.Spawner.args == ["--debug", ARG]
    assert c.KubeSpawner.args == ["--KubeArg=1", ARG]
    assert c.Spawner.server_token_scopes == [
        "users:activity!user", "read:users:name", "shares!server",
    ]
    allowed = c.Spawner.oauth_client_allowed_scopes
    assert len(allowed) == len(set(allowed))


def test_callable_scope_lists_get_ours_added():
    c = Config()
    c.Spawner.server_token_scopes = lambda spawner: ["users:activity!user"]
    c.Spawner.oauth_client_allowed_scopes = lambda spawner: ["access:servers!server"]
    configure(c, access_levels=True)
    spawner = SimpleNamespace()
    token_scopes = asyncio.run(c.Spawner.server_token_scopes(spawner))
    allowed = asyncio.run(c.Spawner.oauth_client_allowed_scopes(spawner))
    assert token_scopes == ["users:activity!user", "shares!server"]
    assert allowed[:2] == ["access:servers!server", "shares!server"]
    assert f"{EDIT_SCOPE}!server" in allowed
