"""Print the benchmark table: `python -m tests.bench` (or `make bench`)."""

from tests.bench.run import main

main()
