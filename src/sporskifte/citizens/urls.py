from django.urls import path

from sporskifte.citizens import views

urlpatterns = [
    path("", views.person_search, name="person-search"),
    path("<int:person_id>/", views.person_detail, name="person-detail"),
    path("<int:person_id>/cpr/", views.person_reveal_cpr, name="person-reveal-cpr"),
    path("<int:person_id>/rediger/", views.person_edit, name="person-edit"),
    path("<int:person_id>/overdrag/", views.person_handover, name="person-handover"),
    path("overdragelser/<int:share_id>/modtag/", views.handover_accept, name="handover-accept"),
    path(
        "overdragelser/<int:share_id>/traek-tilbage/",
        views.handover_withdraw,
        name="handover-withdraw",
    ),
]
