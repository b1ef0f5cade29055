"""jupyterlab-user-sharing: invite other JupyterHub users to your JupyterLab.

The JupyterLab extension itself is prebuilt and shipped as data files
(``share/jupyter/labextensions/jupyterlab-user-sharing``); this package
tells JupyterLab where to find it. ``jupyterlab_user_sharing.hub`` is the
one-call setup for ``jupyterhub_config.py`` (see docs/admin.md); it needs
neither JupyterLab nor anything beyond the standard library.
"""

try:
    from ._version import __version__
except ImportError:  # running from a source tree that was never built
    __version__ = "dev"


def _jupyter_labextension_paths():
    return [{"src": "labextension", "dest": "jupyterlab-user-sharing"}]
