"""Forms in the pattern of Det Fælles Designsystem (DKFDS)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxLengthValidator

from sporskifte.lib import danish


class DkfdsFormMixin:
    """Give every widget the DKFDS input class and link hints and errors via aria.

    `optional` on each field says whether the label gets "(frivilligt)": a field that is not
    required and not named in `conditional` (required only with some answers, which its hint
    says). A text field's `maxlength` is the limit in one Danish message, never two."""

    conditional: tuple[str, ...] = ()
    mark_optional = True  # False for search and filter forms: every field there is a choice

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.style_widgets()

    def style_widgets(self) -> None:
        """Set the classes and aria links (again, after a form adds fields of its own)."""
        # First every field's rules (reading `self.errors` below validates the whole form).
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            field.optional = (
                self.mark_optional and not field.required and name not in self.conditional
            )
            limit = getattr(field, "max_length", None)
            if limit:
                field.error_messages["max_length"] = _too_long(limit)  # files' names
                field.validators = [
                    MaxLengthValidator(limit, _too_long(limit))
                    if isinstance(v, MaxLengthValidator)
                    else v
                    for v in field.validators
                ]
        for name, field in self.fields.items():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.Select):
                widget.attrs.setdefault("class", "form-select")
            elif not isinstance(widget, forms.CheckboxInput | forms.RadioSelect):
                widget.attrs.setdefault("class", "form-input")
            described = []
            html_id = f"id_{self.add_prefix(name)}"  # type: ignore[attr-defined]
            if field.help_text:
                described.append(f"{html_id}-hint")
            if self.is_bound and name in self.errors:  # type: ignore[attr-defined]
                described.append(f"{html_id}-error")
                widget.attrs["aria-invalid"] = "true"
            if described:
                widget.attrs["aria-describedby"] = " ".join(described)


def _too_long(limit: int) -> str:
    return f"Teksten er for lang: skriv højst {danish.number(limit)} tegn."
