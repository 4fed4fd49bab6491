"""djangosaml2's endpoints under /saml2/, served only when `SAML_ENABLED`.

- /saml2/metadata/  the service provider's metadata (give it to the IdPs)
- /saml2/login/     starts a login (``?idp=ENTITYID&next=/path/``)
- /saml2/acs/       the assertion consumer service (HTTP-POST)
- /saml2/logout/    starts single logout; /saml2/ls/ and /saml2/ls/post/ end it
"""

from django.urls import path
from djangosaml2 import views

from sporskifte.accounts.saml import saml_enabled

urlpatterns = [
    path("login/", saml_enabled(views.LoginView.as_view()), name="saml2_login"),
    path("acs/", saml_enabled(views.AssertionConsumerServiceView.as_view()), name="saml2_acs"),
    path("logout/", saml_enabled(views.LogoutInitView.as_view()), name="saml2_logout"),
    path("ls/", saml_enabled(views.LogoutView.as_view()), name="saml2_ls"),
    path("ls/post/", saml_enabled(views.LogoutView.as_view()), name="saml2_ls_post"),
    path("metadata/", saml_enabled(views.MetadataView.as_view()), name="saml2_metadata"),
]
