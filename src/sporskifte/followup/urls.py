from django.urls import path

from sporskifte.followup import views

urlpatterns = [
    path("", views.outcomes_view, name="followup-outcomes"),
    path("resultater.csv", views.outcomes_csv, name="followup-outcomes-csv"),
    path("forloeb.csv", views.courses_csv, name="followup-courses-csv"),
    path("planlaegning/", views.planner, name="followup-planner"),
    path("overvaagning/", views.monitoring_view, name="followup-monitoring"),
    path("resume/", views.summary, name="followup-summary"),
    path("resume.pdf", views.summary_pdf, name="followup-summary-pdf"),
]
