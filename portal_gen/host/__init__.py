"""What only the adapters touch: the clock, file watching, and MkDocs' output read back."""
