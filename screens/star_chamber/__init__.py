"""Star chamber screens."""
