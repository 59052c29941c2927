"""Users, roles and permissions: who may change what, checked by every write service."""
