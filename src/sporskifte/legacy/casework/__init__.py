"""The `casework` label: migrations only (see `sporskifte.legacy`)."""
