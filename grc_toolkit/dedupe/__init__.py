"""Deduplication in the four classic steps: block -> score pairs -> cluster -> merge."""
