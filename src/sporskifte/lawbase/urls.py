from __future__ import annotations

from django.urls import path

from sporskifte.lawbase import views

urlpatterns = [
    path("", views.lovgrundlag, name="lovgrundlag"),
    path("godkend/", views.sign_off, name="lovgrundlag-sign-off"),
]
