"""Reviews, verdicts and sources live here (the annotation desk builds on this app)."""
