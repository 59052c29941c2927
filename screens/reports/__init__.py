"""Reports screens."""
