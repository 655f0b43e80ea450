"""Models for allocation."""
