"""Programme screens."""
