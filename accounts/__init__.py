"""Who may use the site: log-in limits (django-axes) and expiring, hashed API tokens (knox)."""
