"""API plumbing every app shares: errors, pagination, permissions, parsers, ids, filters, schema."""
