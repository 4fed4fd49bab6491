from django.contrib.auth import views as auth_views
from django.urls import include, path

from sporskifte.api.main import api
from sporskifte.citizens import import_views
from sporskifte.web import views
from sporskifte.web.forms import LoginForm

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "log-ind/",
        auth_views.LoginView.as_view(
            authentication_form=LoginForm, redirect_authenticated_user=True
        ),
        name="login",
    ),
    path("log-af/", auth_views.LogoutView.as_view(), name="logout"),
    path("tilgaengelighed/", views.accessibility, name="accessibility"),
    path("hjaelp/", views.help_page, name="help"),
    path("hjaelp/billeder/<str:name>", views.help_image, name="help-image"),
    path("healthz", views.healthz, name="healthz"),
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
