"""The committed model file (package data, so that an installed claimdesk ships it)."""
