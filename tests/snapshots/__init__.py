"""Snapshot tests of the main screens, all taken at one fixed terminal size."""

SIZE = (120, 40)
"""Columns and rows of every snapshot."""
