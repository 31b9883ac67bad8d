"""The desk API: claims, reviews, sources, verdicts and the current user, under /api/."""
