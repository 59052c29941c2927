"""The savings and headcount plan of §19: lines by financial year, totals and the budget gap."""
