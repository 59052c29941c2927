"""Risks: likelihood × impact scores, ROAM responses, and the portfolio heat map."""
