"""The demo: the seeds imported through the real import path, demo users, simulated years.

Everything that fabricates data for showing the system lives here, apart from the product:
no product module imports this package (an import-linter contract in pyproject.toml says
so), and the product reaches it only through the ``load_demo`` management command, by name.
The seed documents themselves are package data under ``jixiao/demo_data``.
"""
