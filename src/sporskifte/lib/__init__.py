"""Leaf helpers (CPR, dates, Danish formatting). They import none of our other packages."""
