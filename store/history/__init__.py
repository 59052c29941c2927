"""Reading the audit log back: one record's trail, or one initiative's and everything of it."""
