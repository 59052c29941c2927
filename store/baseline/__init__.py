"""The change baseline (seed 003, figure 4): live initiatives by tier and complexity.

Read-only: `queries` counts in SQL and `read_models` holds the matrix.
"""
