"""Cleaners, one module per field kind. Each is pure: same index out as in, no row dropped."""
