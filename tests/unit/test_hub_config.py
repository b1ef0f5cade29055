"""Unit tests for jupyterlab_user_sharing.hub (the jupyterhub_config.py helper).

Run from the project root:
    .venv/bin/python -m pytest tests/unit -v

The revocation hook runs against a real hub database: JupyterHub's own
``orm`` (whichever JupyterHub this environment has: ``.venv`` has 6.x,
``.venv-hub5`` 5.5.x; ``make test-unit`` runs both) on an in-memory sqlite
database. No JupyterHub process is started.
"""

from __future__ import annotations

import asyncio
import copy
import logging
import subprocess
import sys
import time
import warnings
from pathlib import Path
from types import SimpleNamespace

import pytest
from sqlalchemy import event, text
from traitlets.config import Config

from jupyterhub import orm
from jupyterlab_user_sharing import hub as hub_module
from jupyterlab_user_sharing.hub import InsecureHubError, RevokeSharesOnStart, configure

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "0123456789abcdef" * 4
SERVER_SCOPES = ["access:servers!server", "shares!server", "users:shares!user"]


def roles_by_name(c):
    roles = c.JupyterHub.load_roles
    names = [r["name"] for r in roles]
    assert len(names) == len(set(names)), f"duplicate roles: {names}"
    return {r["name"]: r for r in roles}


def test_the_source_tree_is_under_test():
    assert Path(hub_module.__file__).resolve() == ROOT / "jupyterlab_user_sharing" / "hub.py"


# ---- config merging ---------------------------------------------------------


def test_fresh_config():
    c = Config()
    configure(c)
    roles = roles_by_name(c)
    assert roles == {"user": {"name": "user", "scopes": ["self", "shares!user"]}}
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    assert "services" not in c.JupyterHub  # no service, no token
    hook = c.Spawner.pre_spawn_hook
    assert isinstance(hook, RevokeSharesOnStart)
    assert hook.chained is None
    assert (hook.keep_group_shares, hook.fail_closed, hook.log_names) == (False, False, True)
    assert "args" not in c.Spawner  # no cache age asked for: args untouched


def test_fresh_config_whose_values_were_only_read():
    # reading c.X.y on a fresh Config stores a LazyConfigValue
    c = Config()
    for value in (
        c.JupyterHub.load_roles,
        c.JupyterHub.services,
        c.Spawner.oauth_client_allowed_scopes,
        c.Spawner.pre_spawn_hook,
        c.Spawner.args,
    ):
        assert hasattr(value, "get_value")
    configure(c, auth_cache_max_age=20)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    assert c.JupyterHub.services.get_value([]) == []
    assert c.Spawner.pre_spawn_hook.chained is None
    assert c.Spawner.args == ["--HubOAuth.cache_max_age=20"]


def test_lazy_appends_are_kept():
    c = Config()
    c.JupyterHub.load_roles.append({"name": "teachers", "scopes": ["admin:users"]})
    c.JupyterHub.services.append({"name": "culler", "command": ["cull"]})
    c.Spawner.oauth_client_allowed_scopes.append("read:users")
    c.Spawner.args.extend(["--debug"])
    configure(c, auth_cache_max_age=30)
    roles = roles_by_name(c)
    assert roles["teachers"] == {"name": "teachers", "scopes": ["admin:users"]}
    assert roles["user"]["scopes"] == ["self", "shares!user"]
    assert [s["name"] for s in c.JupyterHub.services.get_value([])] == ["culler"]
    assert c.Spawner.oauth_client_allowed_scopes == ["read:users"] + SERVER_SCOPES
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=30"]


def test_existing_user_role_scopes_are_kept():
    c = Config()
    c.JupyterHub.load_roles = [
        {"name": "user", "scopes": ["self", "read:groups"], "description": "mine"},
        {"name": "admin-ish", "scopes": ["admin:servers"], "users": ["root"]},
    ]
    configure(c)
    roles = roles_by_name(c)
    assert roles["user"] == {
        "name": "user",
        "scopes": ["self", "read:groups", "shares!user"],
        "description": "mine",
    }
    assert roles["admin-ish"] == {"name": "admin-ish", "scopes": ["admin:servers"], "users": ["root"]}


def test_existing_user_role_without_self_does_not_gain_self():
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["read:users:name"]}]
    configure(c)
    # without self the role would lack what an invitee needs to leave
    assert roles_by_name(c)["user"]["scopes"] == [
        "read:users:name",
        "shares!user",
        "users:shares!user",
    ]


def test_an_invitees_browser_token_may_leave_the_server():
    # self holds users:shares!user; the server's OAuth client must allow it
    # too, or the hub drops it from the token JupyterLab holds
    c = Config()
    configure(c)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert "users:shares!user" in c.Spawner.oauth_client_allowed_scopes


def test_share_by_name_adds_the_name_scopes_to_role_and_token():
    c = Config()
    c.Spawner.oauth_client_allowed_scopes = ["read:users:name"]
    configure(c, share_by_name=True)
    configure(c, share_by_name=True)
    assert roles_by_name(c)["user"]["scopes"] == [
        "self",
        "shares!user",
        "read:users:name",
        "read:groups:name",
    ]
    assert c.Spawner.oauth_client_allowed_scopes == [
        "read:users:name",
        *SERVER_SCOPES,
        "read:groups:name",
    ]


def test_share_by_name_is_off_by_default():
    c = Config()
    configure(c)
    scopes = roles_by_name(c)["user"]["scopes"] + c.Spawner.oauth_client_allowed_scopes
    assert not [s for s in scopes if s.startswith(("read:users:name", "read:groups:name"))]


def test_share_by_name_extends_a_callable_allowed_scopes():
    async def scopes(spawner):
        return ["read:groups"]

    c = Config()
    c.Spawner.oauth_client_allowed_scopes = scopes
    configure(c)
    configure(c, share_by_name=True)
    wrapped = c.Spawner.oauth_client_allowed_scopes
    assert asyncio.run(wrapped(None)) == [
        "read:groups",
        *SERVER_SCOPES,
        "read:users:name",
        "read:groups:name",
    ]


def test_partial_user_role_keeps_the_default_self():
    # the hub merges a "user" role without "scopes" with its default (self)
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "users": ["x"]}]
    configure(c)
    assert roles_by_name(c)["user"] == {
        "name": "user",
        "users": ["x"],
        "scopes": ["self", "shares!user"],
    }


def test_no_duplicate_scopes():
    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "shares!user"]}]
    c.Spawner.oauth_client_allowed_scopes = [
        "users:shares!user", "shares!server", "access:servers!server"
    ]
    configure(c)
    assert roles_by_name(c)["user"]["scopes"] == ["self", "shares!user"]
    assert c.Spawner.oauth_client_allowed_scopes == [
        "users:shares!user", "shares!server", "access:servers!server"
    ]


def test_config_dicts_are_not_mutated_in_place():
    user_role = {"name": "user", "scopes": ["self"]}
    c = Config()
    c.JupyterHub.load_roles = [user_role]
    configure(c)
    assert user_role == {"name": "user", "scopes": ["self"]}


def test_existing_services_are_left_alone():
    services = [{"name": "culler", "command": ["cull"]}]
    c = Config()
    c.JupyterHub.services = services
    configure(c)
    assert c.JupyterHub.services == [{"name": "culler", "command": ["cull"]}]
    assert list(roles_by_name(c)) == ["user"]


def test_the_former_service_arguments_are_accepted_with_a_deprecation(caplog):
    c = Config()
    with pytest.warns(DeprecationWarning, match="no service or token is registered"):
        configure(c, service_name="revoker-2", service_token=TOKEN,
                  hub_api_url="http://localhost:8081/hub/api")
    assert "services" not in c.JupyterHub
    assert list(roles_by_name(c)) == ["user"]
    assert isinstance(c.Spawner.pre_spawn_hook, RevokeSharesOnStart)
    assert "deprecated and ignored" in caplog.text
    assert TOKEN not in caplog.text


def test_unknown_arguments_are_refused():
    with pytest.raises(TypeError, match="service_tokn"):
        configure(Config(), service_tokn=TOKEN)


def test_existing_hook_is_chained():
    def old_hook(spawner):
        pass

    c = Config()
    c.Spawner.pre_spawn_hook = old_hook
    configure(c)
    assert c.Spawner.pre_spawn_hook.chained is old_hook


def test_calling_twice_is_harmless():
    def old_hook(spawner):
        pass

    c = Config()
    c.JupyterHub.load_roles = [{"name": "user", "scopes": ["self", "read:groups"]}]
    c.JupyterHub.services = [{"name": "culler", "command": ["cull"]}]
    c.Spawner.oauth_client_allowed_scopes = ["read:users"]
    c.Spawner.args = ["--debug"]
    c.Spawner.pre_spawn_hook = old_hook
    configure(c, auth_cache_max_age=10)
    first = copy.deepcopy(c)
    configure(c, auth_cache_max_age=10)
    assert c.JupyterHub.load_roles == first.JupyterHub.load_roles
    assert c.JupyterHub.services == first.JupyterHub.services
    assert c.Spawner.oauth_client_allowed_scopes == first.Spawner.oauth_client_allowed_scopes
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=10"]
    hook = c.Spawner.pre_spawn_hook
    assert hook.chained is old_hook  # not wrapped twice


def test_cache_age_is_replaced_not_duplicated():
    c = Config()
    c.Spawner.args = ["--HubOAuth.cache_max_age=300", "--debug"]
    configure(c, auth_cache_max_age=60)
    configure(c, auth_cache_max_age=15)
    assert c.Spawner.args == ["--debug", "--HubOAuth.cache_max_age=15"]
    with pytest.raises(ValueError):
        configure(c, auth_cache_max_age=-1)


def test_revoke_on_start_false_adds_only_scopes():
    c = Config()
    configure(c, revoke_on_start=False)
    assert list(roles_by_name(c)) == ["user"]
    assert "services" not in c.JupyterHub
    assert "pre_spawn_hook" not in c.Spawner
    assert c.Spawner.oauth_client_allowed_scopes == SERVER_SCOPES


def test_spawner_subclass_sections_that_override_are_merged_too():
    def kube_hook(spawner):
        pass

    c = Config()
    c.KubeSpawner.pre_spawn_hook = kube_hook
    c.KubeSpawner.args = ["--kube"]
    c.KubeSpawner.oauth_client_allowed_scopes = ["read:users"]
    c.DockerSpawner.image = "x"  # sets none of our keys: left alone
    configure(c, auth_cache_max_age=10)
    assert c.KubeSpawner.pre_spawn_hook.chained is kube_hook
    assert c.Spawner.pre_spawn_hook.chained is None
    assert c.KubeSpawner.args == ["--kube", "--HubOAuth.cache_max_age=10"]
    assert c.KubeSpawner.oauth_client_allowed_scopes == ["read:users"] + SERVER_SCOPES
    assert dict(c.DockerSpawner) == {"image": "x"}

    from jupyterhub.spawner import LocalProcessSpawner

    class KubeSpawner(LocalProcessSpawner):  # stands in for the real one
        pass

    spawner = KubeSpawner(config=c)
    assert spawner.pre_spawn_hook.chained is kube_hook
    assert spawner.args == ["--kube", "--HubOAuth.cache_max_age=10"]


def test_callable_allowed_scopes_are_wrapped():
    def sync_scopes(spawner):
        return ["read:users", "shares!server"]

    async def async_scopes(spawner):
        return ["read:groups"]

    for original, expected in (
        (sync_scopes, ["read:users", "shares!server", "access:servers!server", "users:shares!user"]),
        (async_scopes, ["read:groups"] + SERVER_SCOPES),
    ):
        c = Config()
        c.Spawner.oauth_client_allowed_scopes = original
        configure(c)
        configure(c)
        wrapped = c.Spawner.oauth_client_allowed_scopes
        assert wrapped.wrapped is original
        assert asyncio.run(wrapped(None)) == expected


def test_config_loads_into_a_real_spawner():
    from jupyterhub.spawner import LocalProcessSpawner

    def old_hook(spawner):
        pass

    c = Config()
    c.Spawner.pre_spawn_hook = old_hook
    configure(c, auth_cache_max_age=10)
    spawner = LocalProcessSpawner(config=c)  # traitlets deep-copies the values
    assert isinstance(spawner.pre_spawn_hook, RevokeSharesOnStart)
    assert spawner.pre_spawn_hook.chained is old_hook
    assert spawner.oauth_client_allowed_scopes == SERVER_SCOPES
    assert spawner.args == ["--HubOAuth.cache_max_age=10"]


def test_import_needs_neither_jupyterhub_nor_jupyterlab():
    code = (
        "import sys; import jupyterlab_user_sharing, jupyterlab_user_sharing.hub;"
        "bad = [m for m in ('jupyterhub', 'jupyterlab', 'jupyter_server', 'tornado', 'traitlets')"
        " if m in sys.modules]; print(bad); sys.exit(1 if bad else 0)"
    )
    # cwd=ROOT: import this source tree, not a copy installed in the venv
    r = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert r.returncode == 0, r.stdout + r.stderr


def test_config_with_the_hook_survives_a_deepcopy():
    hook = RevokeSharesOnStart(keep_group_shares=True, fail_closed=True)
    copied = copy.deepcopy(hook)
    assert (copied.keep_group_shares, copied.fail_closed) == (True, True)


# ---- the version floor --------------------------------------------------------


@pytest.fixture
def hub_version(monkeypatch):
    def set_version(version):
        monkeypatch.setattr(hub_module, "hub_version", lambda: version)

    return set_version


@pytest.mark.parametrize("version", ["5.5.0", "5.4.5", "5.0.0", "5.5.0b1"])
def test_a_hub_before_5_5_1_is_refused_with_the_reason_and_the_way_out(hub_version, version):
    hub_version(version)
    with pytest.raises(InsecureHubError) as refused:
        configure(Config())
    message = str(refused.value)
    assert f"JupyterHub {version}" in message
    assert "GHSA-c4gm-pwx9-9w8j" in message and "5.4.5" in message
    assert "allow_insecure_hub=True" in message


def test_an_admin_may_accept_the_risk_explicitly(hub_version, caplog):
    hub_version("5.5.0")
    c = Config()
    configure(c, allow_insecure_hub=True)
    assert isinstance(c.Spawner.pre_spawn_hook, RevokeSharesOnStart)
    [warning] = [r for r in caplog.records if "allow_insecure_hub=True" in r.getMessage()]
    assert warning.levelno == logging.WARNING
    assert "5.5.0" in warning.getMessage()


def test_a_hub_without_the_sharing_api_is_refused_even_at_the_admins_risk(hub_version):
    hub_version("4.1.6")
    with pytest.raises(InsecureHubError, match="no sharing API"):
        configure(Config(), allow_insecure_hub=True)


@pytest.mark.parametrize("version", ["5.5.1", "5.5.4", "6.1.1", "6.0.0b1", "7.0"])
def test_hubs_from_5_5_1_on_are_accepted_silently(hub_version, version, caplog):
    hub_version(version)
    configure(Config())
    assert "JupyterHub" not in caplog.text or "5.5.1" not in caplog.text


def test_the_floor_reads_the_running_jupyterhub():
    import jupyterhub

    assert hub_module.hub_version() == jupyterhub.__version__
    assert hub_module.parse_version("6.0.0b1") == (6, 0, 0)
    assert hub_module.parse_version("5.4") == (5, 4, 0)
    assert hub_module.parse_version("garbage") is None


# ---- what configure warns about -----------------------------------------------


def test_oauth_roles_is_reported_as_ignored(caplog):
    c = Config()
    c.Spawner.oauth_roles = ["server-sharing"]
    c.KubeSpawner.oauth_roles = ["other"]
    configure(c)
    warned = [r.getMessage() for r in caplog.records if "oauth_roles" in r.getMessage()]
    assert len(warned) == 2
    assert "c.Spawner.oauth_roles" in warned[0] and "ignores it" in warned[0]
    assert "c.KubeSpawner.oauth_client_allowed_scopes" in warned[1]


def test_no_oauth_roles_no_warning(caplog):
    configure(Config())
    assert "oauth_roles" not in caplog.text


# ---- the hook against a real hub database ---------------------------------------


@pytest.fixture
def db():
    session = orm.new_session_factory("sqlite:///:memory:")()
    yield session
    session.close()


class World:
    """alice's default server shared with bob, carol and group staff, with
    two invite links; alice's other server shared with bob, with a link."""

    def __init__(self, db):
        self.db = db
        users = {name: orm.User(name=name) for name in ("alice", "bob", "carol")}
        self.staff = orm.Group(name="staff")
        db.add_all([*users.values(), self.staff])
        db.commit()
        self.alice, self.bob, self.carol = users["alice"], users["bob"], users["carol"]
        self.server = orm.Spawner(user=self.alice, name="")
        self.other = orm.Spawner(user=self.alice, name="other")
        db.add_all([self.server, self.other])
        db.commit()
        for who in (self.bob, self.carol, self.staff):
            orm.Share.grant(db, self.server, who)
        orm.Share.grant(db, self.other, self.bob)
        self.code = orm.ShareCode.new(db, self.server, scopes=["access:servers!server=alice/"])[1]
        orm.ShareCode.new(db, self.server, scopes=["access:servers!server=alice/"])
        orm.ShareCode.new(db, self.other, scopes=["access:servers!server=alice/other"])

    def spawner(self, orm_spawner=None, log="test.user_sharing"):
        """What the hook uses of a JupyterHub Spawner."""
        orm_spawner = orm_spawner or self.server
        return SimpleNamespace(
            user=SimpleNamespace(name=orm_spawner.user.name),
            name=orm_spawner.name,
            db=self.db,
            orm_spawner=orm_spawner,
            log=logging.getLogger(log),
        )

    def shares(self, orm_spawner=None):
        orm_spawner = orm_spawner or self.server
        rows = self.db.query(orm.Share).filter_by(spawner_id=orm_spawner.id).all()
        return sorted(f"group {s.group.name}" if s.group else s.user.name for s in rows)

    def codes(self, orm_spawner=None):
        orm_spawner = orm_spawner or self.server
        return self.db.query(orm.ShareCode).filter_by(spawner_id=orm_spawner.id).count()


@pytest.fixture
def world(db):
    return World(db)


def run(hook, spawner):
    """Run the hook as JupyterHub does (awaited on the hub's event loop)."""
    return asyncio.run(hook(spawner))


def test_a_start_revokes_every_share_and_link_of_that_server_only(world, caplog):
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    assert world.shares() == ["bob", "carol", "group staff"] and world.codes() == 2
    run(RevokeSharesOnStart(), world.spawner())
    assert world.shares() == [] and world.codes() == 0
    # the owner's other server keeps its share and link
    assert world.shares(world.other) == ["bob"] and world.codes(world.other) == 1
    # the old link no longer finds anything
    assert orm.ShareCode.find(world.db, world.code) is None
    [record] = [r for r in caplog.records if r.name == "test.user_sharing"]
    assert record.levelno == logging.INFO
    message = record.getMessage()
    assert "server alice/ is starting: revoked access of" in message
    assert "bob" in message and "carol" in message and "group staff" in message
    assert "2 share code(s)" in message


def test_the_hubs_loaded_collections_forget_the_revoked_shares(world):
    # the hub's session keeps objects between requests (no expiry on commit)
    assert len(world.server.shares) == 3 and len(world.bob.shared_with_me) == 2
    run(RevokeSharesOnStart(), world.spawner())
    assert world.server.shares == [] and world.server.share_codes == []
    assert [s.spawner.name for s in world.bob.shared_with_me] == ["other"]
    assert world.staff.shared_with_me == []


def test_codes_are_deleted_and_committed_before_the_shares(world):
    events = []
    engine = world.db.get_bind()

    def statement(conn, cursor, sql, params, context, executemany):
        if sql.lstrip().upper().startswith("DELETE"):
            events.append(sql.split()[2].strip('"'))

    event.listen(engine, "before_cursor_execute", statement)
    event.listen(world.db, "after_commit", lambda session: events.append("COMMIT"))
    try:
        run(RevokeSharesOnStart(), world.spawner())
    finally:
        event.remove(engine, "before_cursor_execute", statement)
    first_share = events.index("shares")
    assert "share_codes" in events[:first_share]
    assert "COMMIT" in events[events.index("share_codes"):first_share]
    assert events[-1] == "COMMIT"


def test_group_shares_may_be_kept(world):
    run(RevokeSharesOnStart(keep_group_shares=True), world.spawner())
    assert world.shares() == ["group staff"]
    assert world.codes() == 0


def test_configure_passes_the_options_to_the_hook(world):
    c = Config()
    configure(c, keep_group_shares=True, fail_closed=True, log_names=False)
    hook = c.Spawner.pre_spawn_hook
    assert (hook.keep_group_shares, hook.fail_closed, hook.log_names) == (True, True, False)
    run(hook, world.spawner())
    assert world.shares() == ["group staff"]


def test_names_are_optional_in_the_log(world, caplog):
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    run(RevokeSharesOnStart(log_names=False), world.spawner())
    assert world.shares() == []
    assert "revoked access of 3 user(s) or group(s) and 2 share code(s)" in caplog.text
    assert "bob" not in caplog.text


def test_a_failing_name_lookup_never_stops_the_deletes(world, caplog, monkeypatch):
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    def broken(share):
        raise LookupError("no name today")

    monkeypatch.setattr(hub_module, "_share_name", broken)
    run(RevokeSharesOnStart(), world.spawner())
    assert world.shares() == [] and world.codes() == 0
    assert "revoked access of 3 user(s) or group(s)" in caplog.text


def test_nothing_to_revoke_is_quiet(world, caplog):
    run(RevokeSharesOnStart(), world.spawner())
    caplog.clear()
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    run(RevokeSharesOnStart(), world.spawner())
    assert not [r for r in caplog.records if r.levelno >= logging.INFO]


def test_many_names_are_cut_short_in_the_log(db, caplog):
    caplog.set_level(logging.INFO, logger="test.user_sharing")
    world = World(db)
    for i in range(30):
        user = orm.User(name=f"user-{i:02}")
        db.add(user)
        db.commit()
        orm.Share.grant(db, world.server, user)
    run(RevokeSharesOnStart(), world.spawner())
    assert "and 2 share code(s)" in caplog.text
    assert "13 more" in caplog.text  # 33 shares, 20 named


def break_the_share_tables(db):
    db.execute(text("DROP TABLE share_codes"))
    db.commit()


def test_a_failure_is_logged_and_the_spawn_goes_on_by_default(world, caplog):
    break_the_share_tables(world.db)
    run(RevokeSharesOnStart(), world.spawner())  # no exception: the spawn goes on
    [record] = [r for r in caplog.records if r.name == "test.user_sharing"]
    assert record.levelno == logging.WARNING
    assert "could not revoke shares of alice/" in record.getMessage()
    assert "starting anyway" in record.getMessage()
    assert world.shares() == ["bob", "carol", "group staff"]  # rolled back, nothing half-done


def test_fail_closed_stops_the_spawn_with_a_clear_message(world, caplog):
    break_the_share_tables(world.db)
    with pytest.raises(RuntimeError, match="does not start") as stopped:
        run(RevokeSharesOnStart(fail_closed=True), world.spawner())
    assert "Sharing could not be reset for this new session" in str(stopped.value)
    assert "fail_closed" in caplog.text
    assert world.shares() == ["bob", "carol", "group staff"]


def test_sync_chained_hook_runs_first(world):
    calls = []

    def old_hook(spawner):
        calls.append(world.codes())
        spawner.environment = {"FROM_OLD_HOOK": "1"}

    spawner = world.spawner()
    run(RevokeSharesOnStart(chained=old_hook), spawner)
    assert calls == [2]  # before the revocation
    assert spawner.environment == {"FROM_OLD_HOOK": "1"}
    assert world.codes() == 0


def test_async_chained_hook_runs_first(world):
    calls = []

    async def old_hook(spawner):
        await asyncio.sleep(0.01)
        calls.append(len(world.shares()))

    run(RevokeSharesOnStart(chained=old_hook), world.spawner())
    assert calls == [3] and world.shares() == []


def test_failing_chained_hook_aborts_before_revoking(world):
    def old_hook(spawner):
        raise RuntimeError("quota exceeded")

    with pytest.raises(RuntimeError, match="quota exceeded"):
        run(RevokeSharesOnStart(chained=old_hook), world.spawner())
    assert world.codes() == 2 and len(world.shares()) == 3


def test_hook_from_configure_runs_after_the_admins_hook(world):
    calls = []
    c = Config()
    c.Spawner.pre_spawn_hook = lambda spawner: calls.append(spawner.name)
    configure(c)
    run(c.Spawner.pre_spawn_hook, world.spawner(world.other))
    assert calls == ["other"]
    assert world.shares(world.other) == [] and world.codes(world.other) == 0
    assert world.shares() == ["bob", "carol", "group staff"]


def test_the_revocation_is_quick(world):
    t0 = time.monotonic()
    run(RevokeSharesOnStart(), world.spawner())
    assert time.monotonic() - t0 < 5  # a database transaction, no HTTP, no timeout


# ---- the start-up report --------------------------------------------------------


def hub_app(db, subdomain_host=""):
    return SimpleNamespace(db=db, subdomain_host=subdomain_host,
                           log=logging.getLogger("test.hub_app"))


def test_start_up_check_says_revoke_on_start_works(world, caplog):
    caplog.set_level(logging.INFO, logger="test.hub_app")
    ok = hub_module.startup_report(hub_app(world.db, "http://hub.test"), [], True, True)
    assert ok
    [record] = [r for r in caplog.records if r.name == "test.hub_app"]
    assert "revoke-on-start is on" in record.getMessage()
    assert "shares with groups are kept" in record.getMessage()


def test_start_up_check_reports_a_database_that_cannot_revoke(world, caplog):
    break_the_share_tables(world.db)
    assert not hub_module.startup_report(hub_app(world.db, "http://hub.test"), [], True, False)
    [record] = [r for r in caplog.records if r.name == "test.hub_app"]
    assert record.levelno == logging.ERROR
    assert "revoke-on-start cannot work here" in record.getMessage()


def test_start_up_report_warns_without_per_user_subdomains(world, caplog):
    notes = [(logging.WARNING, "a note from configure")]
    hub_module.startup_report(hub_app(world.db), notes, False, False)
    messages = [r.getMessage() for r in caplog.records if r.name == "test.hub_app"]
    assert messages[0] == "a note from configure"
    [subdomains] = [m for m in messages if "subdomain_host" in m]
    assert "runs at the hub's origin" in subdomains
    assert not [m for m in messages if "revoke-on-start" in m]  # off
