"""Models for workspace."""
