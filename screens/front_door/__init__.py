"""Front door screens."""
