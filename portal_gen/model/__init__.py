"""What the data is: the YAML files' schema, field types, event dates, data blocks, and the
resolved portal the templates receive. Imports nothing else of portal-gen but ``errors``."""
