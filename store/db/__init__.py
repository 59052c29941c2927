"""Connections, pragmas, the SQLAlchemy engine, backups and schema migration."""
