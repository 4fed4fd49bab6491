"""Results follow-up, model monitoring and budget planning (issue 8): aggregates only."""
