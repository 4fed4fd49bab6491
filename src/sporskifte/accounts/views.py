"""The login page: the municipality's single sign-on first; local passwords as configured."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.urls import reverse

from sporskifte.accounts.local_login import local_login_mode


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["local_login"] = local_login_mode()
        if settings.SAML_ENABLED and settings.SAML_STAFF_IDP:
            query = urlencode({"idp": settings.SAML_STAFF_IDP, "next": context.get("next") or "/"})
            context["sso_url"] = f"{reverse('saml2_login')}?{query}"
        return context
