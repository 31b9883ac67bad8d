"""The labelled news sentences training and evaluation read (package data, never run-time data)."""
