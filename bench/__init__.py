"""Benchmark of issue #7 (see __main__.py)."""
