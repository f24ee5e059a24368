"""The ho21 benchmark: run it with ``python bench/run.py`` (see run.py)."""
