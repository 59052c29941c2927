"""Command-line tests: each runs `portfolio` as a user would and checks its output,
exit code and database."""
