"""Snapshot tests of the main screens, all taken at one fixed terminal size
(`tests.support.snapshots.SIZE`)."""
