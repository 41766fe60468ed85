"""The office database: the only layer that speaks SQL."""
