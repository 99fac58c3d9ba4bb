"""The site ``portal-gen serve`` shows: built by MkDocs in this process, kept up to date
page by page, and served with live reload."""
