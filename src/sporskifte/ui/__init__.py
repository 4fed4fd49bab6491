"""Presentation shared by every room: the design system's form conventions and the Danish
formats of dates, numbers and percentages (template filters). Django, but no domain."""
