"""Milestones: baseline, forecast and actual dates, slippage, overdue flags and the timeline."""
