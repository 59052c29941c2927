"""Reusable presentational widgets: RAG badges and trend strips, the windowed table,
the RAG picker. They take plain values and read models, never sessions or services."""
