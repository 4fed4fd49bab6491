from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from sporskifte.accounts.permissions import Perm, has_perm
from sporskifte.web import help as guide


@login_required
def home(request: HttpRequest) -> HttpResponse:
    perms = {perm.name.lower(): has_perm(request.user, perm) for perm in Perm}
    return render(request, "web/home.html", {"perms": perms})


def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "web/accessibility.html")


@login_required
def help_page(request: HttpRequest) -> HttpResponse:
    """The user guide for caseworkers and team leaders (`docs/brugervejledning.md`)."""
    images = reverse("help-image", args=["x.png"])[: -len("x.png")]
    html = guide.guide_html(settings.HELP_GUIDE, images)
    return render(request, "web/help.html", {"guide": html, "path": settings.HELP_GUIDE.name})


@login_required
def help_image(request: HttpRequest, name: str) -> FileResponse:
    """A screenshot of the guide (docs/images/, PNG only, no paths)."""
    path = settings.HELP_GUIDE.parent / "images" / name
    if not guide.IMAGE_NAME.match(name) or not path.is_file():
        raise Http404("Billedet findes ikke.")
    return FileResponse(path.open("rb"), content_type="image/png")


def forbidden(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "403.html", status=403)


def not_found(request: HttpRequest, exception: Any = None) -> HttpResponse:
    return render(request, "404.html", status=404)
