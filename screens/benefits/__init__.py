"""Screens of the benefits register, delivery confidence and Response to Red (issue 18)."""
