"""grc: clean, deduplicate and score the visitor files of tourism offices."""

__version__ = "0.1.0"
