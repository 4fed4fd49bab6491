"""Calendar helpers for the rules: month arithmetic as the law counts it, from `lib.dates`."""

from sporskifte.lib.dates import end_of_month, minus_months

__all__ = ["end_of_month", "minus_months"]
