"""Results follow-up, model monitoring and budget planning: aggregates only."""
