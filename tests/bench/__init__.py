"""`make bench`: performance figures printed as a table. Benchmarks never fail a build."""
