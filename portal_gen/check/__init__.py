"""Is it right: what was read checked against the model and across files, then assembled
into one ``Portal``, or every problem with its ``path:line:col``."""
