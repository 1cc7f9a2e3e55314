// History, metrics and reports built from probe runs.
