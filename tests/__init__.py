"""Tests: store/ (no UI), tui/ (Pilot journeys), snapshots/ (screens at 120x40)."""
