"""The operations page: the last successful run of each scheduled job, and a warning when
one is late."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sporskifte.accounts.permissions import Perm, require
from sporskifte.ops.jobs import status
from sporskifte.ops.models import JobRun


@login_required
def jobs_view(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.OPERATIONS_VIEW)
    rows = status()
    recent = JobRun.objects.all()[:20]
    context = {
        "rows": rows,
        "late": [row for row in rows if row.late],
        "recent": recent,
        "now": timezone.now(),
        "grace_minutes": settings.JOB_GRACE_MINUTES,
    }
    return render(request, "ops/jobs.html", context)
