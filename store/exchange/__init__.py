"""Data exchange: export a whole portfolio to JSON, Excel or CSV, import it back into an
empty database all-or-nothing, and the empty Excel template.

The functions the command line and the screens call, each taking an optional
`on_progress(done, total)` callback, are `export_file` (`store.exchange.export`),
`import_file` and `check_file` (`store.exchange.load`) and `write_template`
(`store.exchange.template`). Nothing here imports a UI library.
"""
