"""The data-access layer: the one place that holds SQL. Everything else gets typed records."""
