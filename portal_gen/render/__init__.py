"""Data to bytes: pages, feeds, calendars, structured data, e-mails and editor schemas, each a
pure function of the portal returning ``{path: bytes}``; nothing here touches the disk."""
