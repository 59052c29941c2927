"""Portfolio screens."""
