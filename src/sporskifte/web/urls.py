from django.urls import include, path

from sporskifte.accounts.saml import logout_view
from sporskifte.accounts.views import LoginView
from sporskifte.api.main import api
from sporskifte.citizens import import_views
from sporskifte.ops.urls import health_urls
from sporskifte.web import views
from sporskifte.web.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path("log-ind/", LoginView.as_view(authentication_form=LoginForm), name="login"),
    path("log-af/", logout_view, name="logout"),
    path("saml2/", include("sporskifte.accounts.saml_urls")),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("hjaelp/", views.help_page, name="help"),
    path("hjaelp/billeder/<str:name>", views.help_image, name="help-image"),
    *health_urls,
    path("", include("sporskifte.ops.urls")),
    path("personer/", include("sporskifte.citizens.urls")),
    path("revisionslog/", include("sporskifte.audit.urls")),
    path("overgang/", include("sporskifte.transition.urls")),
    path("opfoelgning/", include("sporskifte.followup.urls")),
    path("lovgrundlag/", include("sporskifte.lawbase.urls")),
    path("data/indlaes/", import_views.data_import, name="data-import"),
    path("api/", api.urls),
    path("", include("sporskifte.sickness.urls")),
]

handler403 = "sporskifte.web.views.forbidden"
handler404 = "sporskifte.web.views.not_found"
