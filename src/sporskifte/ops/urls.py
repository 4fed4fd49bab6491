from django.urls import path

from sporskifte.ops import health, views

health_urls = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
]

urlpatterns = [
    path("drift/jobs/", views.jobs_view, name="ops-jobs"),
]
