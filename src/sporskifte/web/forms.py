from __future__ import annotations

from typing import Any

from django.contrib.auth.forms import AuthenticationForm

from sporskifte.ui.forms import DkfdsFormMixin


class LoginForm(DkfdsFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": "Forkert brugernavn eller adgangskode.",
        "inactive": "Brugeren er deaktiveret.",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "Brugernavn"
        self.fields["password"].label = "Adgangskode"
        self.fields["username"].error_messages["required"] = "Skriv dit brugernavn."
        self.fields["password"].error_messages["required"] = "Skriv din adgangskode."
        self.fields["username"].widget.attrs["autocomplete"] = "username"
