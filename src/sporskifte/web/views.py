from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sporskifte.accounts.permissions import Perm, has_perm


@login_required
def home(request: HttpRequest) -> HttpResponse:
    perms = {perm.name.lower(): has_perm(request.user, perm) for perm in Perm}
    return render(request, "web/home.html", {"perms": perms})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "404.html", status=404)
