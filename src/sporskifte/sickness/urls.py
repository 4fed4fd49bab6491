"""URLs of the screening workflow: the caseworker's pages and the public forms."""

from django.urls import path

from sporskifte.sickness import employer_views, held_views, public_views, views

case_urls = [
    path("arbejdsliste/", views.worklist, name="worklist"),
    path("sager/<int:case_id>/", views.case_detail, name="case-detail"),
    path("sager/<int:case_id>/vurdering/", views.case_review, name="case-review"),
    path("sager/<int:case_id>/samtale/", views.case_contact, name="case-contact"),
    path("sager/<int:case_id>/forlaengelse/", views.case_extension, name="case-extension"),
    path("sager/<int:case_id>/raskmelding/", views.case_return, name="case-return"),
    path("sager/<int:case_id>/arbejdsgiver/", views.case_employer, name="case-employer"),
    path("sager/<int:case_id>/screen-igen/", views.case_rescreen, name="case-rescreen"),
    path("sager/<int:case_id>/aktindsigt/", views.case_file, name="case-file"),
    path(
        "sager/<int:case_id>/kontakter/<int:due_id>/flyt/",
        views.contact_move,
        name="contact-move",
    ),
    path(
        "sager/<int:case_id>/arbejdsgiverbrev/",
        employer_views.employer_letter,
        name="employer-letter",
    ),
    path("virksomheder/", employer_views.workplace_list, name="workplaces"),
    path("advarsler/", views.alert_list, name="alerts"),
    path("uden-login/", held_views.held_list, name="held-applications"),
    path("uden-login/<int:held_id>/", held_views.held_detail, name="held-application"),
    path("team/", views.team_overview, name="team-overview"),
]

public_urls = [
    path("anmeld/", public_views.citizen_form, name="sickness-form"),
    path("anmeld/kvittering/<str:token>/", public_views.citizen_receipt, name="sickness-receipt"),
    path("arbejdsgiver/<str:token>/", public_views.employer_form, name="employer-form"),
    path("arbejdsgiver/<str:token>/plan/", employer_views.employer_plan, name="employer-plan"),
    path(
        "arbejdsgiver/<str:token>/plan/modtaget/",
        employer_views.employer_plan_done,
        name="employer-plan-done",
    ),
]

urlpatterns = case_urls + public_urls
