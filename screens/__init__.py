"""One module per screen, each with its .tcss file next to it."""
