from django.urls import path

from sporskifte.transition import views

urlpatterns = [
    path("", views.overview, name="transition-overview"),
    path("forloeb/<int:course_id>/", views.course_detail, name="transition-course"),
    path("forloeb/<int:course_id>/brev/", views.course_letter, name="transition-course-letter"),
    path("breve/<int:letter_id>/pdf/", views.letter_download, name="transition-letter-download"),
    path("person/<int:person_id>/bevilg/", views.grant, name="transition-grant"),
    path("prognose/", views.forecast, name="transition-forecast"),
    path("prognose.csv", views.forecast_csv, name="transition-forecast-csv"),
    path("brevkoersel/", views.letter_batch_start, name="transition-letter-batch-start"),
    path("brevkoersel/<int:batch_id>/", views.letter_batch, name="transition-letter-batch"),
    path(
        "brevkoersel/<int:batch_id>/fortsaet/",
        views.letter_batch_step,
        name="transition-letter-batch-step",
    ),
]
