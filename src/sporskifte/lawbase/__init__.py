"""Lovgrundlag: the law's parameters as the municipality sees them, and a lawyer's sign-off.

The parameters themselves live in `sporskifte.rules` (dated YAML with sources, no Django); this
room lists those in force with their source, kind and provisional mark, and records each
sign-off by a lawyer (a jurist) as a named, audited action. A sign-off is tied to the period's
content (its fingerprint): when the value, dates, source or mark change, it lapses.
"""
