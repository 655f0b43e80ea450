"""The workspace pages, one module per section."""
