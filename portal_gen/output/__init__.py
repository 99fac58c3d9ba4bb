"""Bytes to disk: the only writer, the folder exchange that keeps a reader from seeing half a
tree, and the readers' and writers' locks."""
