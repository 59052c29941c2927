"""Dependencies between initiatives, the at-risk rule, and the dependency matrix."""
