"""Models for timescales."""
