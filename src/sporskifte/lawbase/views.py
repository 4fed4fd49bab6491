"""The Lovgrundlag page: every parameter in force on a date, and the sign-off action."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from sporskifte.accounts.permissions import Perm, has_perm, require
from sporskifte.audit.actions import ActionRefused
from sporskifte.lawbase import actions
from sporskifte.lawbase.forms import DateForm, SignoffForm
from sporskifte.lawbase.models import Signoff
from sporskifte.lawbase.params import CURRENT, STALE, rows

AREAS: dict[str, str] = {
    "sickness": "Sygedagpenge",
    "contact": "Kontaktforløb",
    "courses": "Ressourceforløb, revalidering og jobafklaringsforløb",
    "means_test": "Kontanthjælp (forhåndsvurdering ved forløbets afslutning)",
    "target_groups": "Målgrupper",
    "employer": "Arbejdsgiverens pligter ved sygefravær",
    "continuity": "Sammenhæng mellem ordninger",
}


@login_required
def lovgrundlag(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LAW_VIEW)
    form = DateForm(request.GET or None)
    on = timezone.localdate()
    if form.is_valid() and form.cleaned_data["dato"]:
        on = form.cleaned_data["dato"]
    found = rows(on, Signoff.objects.select_related("signed_by"))
    areas = list(AREAS) + sorted({r.area for r in found} - set(AREAS))  # none left out
    groups = [(AREAS.get(area, area), [r for r in found if r.area == area]) for area in areas]
    context = {
        "form": form,
        "on": on,
        "groups": [(label, items) for label, items in groups if items],
        "count": len(found),
        "provisional": sum(r.param.provisional for r in found),
        "secondary": sum(not r.param.primary for r in found),
        "signed": sum(r.status == CURRENT for r in found),
        "stale": sum(r.status == STALE for r in found),
        "may_sign": has_perm(request.user, Perm.LAW_SIGNOFF),
    }
    return render(request, "lawbase/lovgrundlag.html", context)


@login_required
@require_POST
def sign_off(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.LAW_SIGNOFF)
    form = SignoffForm(request.POST)
    day = DateForm({"dato": request.POST.get("dato", "")})
    back = reverse("lovgrundlag")
    if day.is_valid() and day.cleaned_data["dato"]:  # only a valid date goes into the URL
        back += f"?dato={day.cleaned_data['dato'].isoformat()}"
    if not form.is_valid():
        messages.error(request, "Godkendelsen mangler parameter eller dato.")
        return redirect(back)
    data = form.cleaned_data
    try:
        actions.sign_off(request.user, data["key"], data["valid_from"], data["comment"])
    except ActionRefused as refused:
        messages.error(request, refused.message)
    else:
        messages.success(request, f"{data['key']} er godkendt.")
    return redirect(back + f"#p-{data['key'].replace('.', '-')}")
