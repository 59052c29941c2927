"""The portfolio store: tables, engine, migrations, services, audit and demo data.

Importing this package is cheap and has no side effects: no engine is built and
no directory is created until a caller asks for one. The store never imports
textual or rich, so it can serve the TUI, the command line and scripts alike.
"""
