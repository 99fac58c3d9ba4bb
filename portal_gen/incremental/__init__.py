"""Reuse between regenerations in a long-running ``serve``: it wraps the stages from outside and
never changes a byte of what they make."""
