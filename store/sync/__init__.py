"""Laptop replicas that work offline and sync with the shared register (issue 17).

A replica is a SQLite copy of the server's register made for one login
(`store.sync.replica`). Each guarded service call made on it is journalled as the
intention it was (`store.sync.journal`), with the records it made offline named by the
operation that made them, so a later edit reaches the right record on the server.
`store.sync.run.sync` pushes the journal in order, each operation exactly once
(`store.sync.push`), then pulls the server's register in place of the local copy
(`store.sync.pull`). Operations the server refuses are kept as conflicts
(`store.sync.conflicts`); `store.sync.status` says where a replica stands.
"""
