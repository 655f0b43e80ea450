"""The workspace forms, one module per section."""
