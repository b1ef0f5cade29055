"""The Jupyter Server extension of jupyterlab-user-sharing: access levels.

Enabled in every Jupyter Server by the wheel
(``etc/jupyter/jupyter_server_config.d/jupyterlab_user_sharing.json``), it
does nothing unless the hub turned on our Authorizer
(``configure(c, access_levels=True)``): outside JupyterHub, and on hubs
that did not, loading it imports nothing and starts nothing.

When on, it (``enforcer.py``): filters viewers' changes out of
jupyter-collaboration's document websockets, ends revoked people's access
at once (``POST {base_url}user-sharing/api/evict``, owner only), checks this
server's shares for revocations made elsewhere, and revokes shares whose
time is up. ``GET {base_url}user-sharing/api/access`` tells JupyterLab what
is enforced and the visitor's level.
"""

AUTHORIZER_MODULE = "jupyterlab_user_sharing.access.authorizer"


def _jupyter_server_extension_points():
    return [{"module": "jupyterlab_user_sharing.access"}]


def _load_jupyter_server_extension(serverapp):
    authorizer = getattr(serverapp, "authorizer", None)
    if not any(cls.__module__ == AUTHORIZER_MODULE for cls in type(authorizer).__mro__):
        return  # access levels not turned on: stay out of the way
    from .enforcer import start

    start(serverapp)
