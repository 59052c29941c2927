"""Helpers shared by the tests: factories, fixtures worlds, workers and Pilot helpers."""
