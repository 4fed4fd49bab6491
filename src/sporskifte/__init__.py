"""Sporskifte."""
