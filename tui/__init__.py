"""The application shell: the Textual App, the command line, palette commands and settings."""
