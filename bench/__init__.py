"""The benchmark against jupyter-collaboration's Share dialog (see __main__.py)."""
