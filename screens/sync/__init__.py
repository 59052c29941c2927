"""A laptop replica's side of sync (issue 17): the title bar's sync badge, the Sync
action with its progress, and the conflicts screen with the conflict dialog."""
