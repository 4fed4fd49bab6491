from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from sporskifte.accounts.permissions import audit_entries_visible_to
from sporskifte.audit.forms import AuditFilterForm
from sporskifte.audit.log import action_label


def _filtered(entries: QuerySet[Any], data: dict[str, Any]) -> QuerySet[Any]:
    lookups = {
        "actor_label__iexact": data.get("actor"),
        "action": data.get("action"),
        "object_id": data.get("object_id"),
        "request_id": data.get("request_id"),
        "timestamp__date__gte": data.get("date_from"),
        "timestamp__date__lte": data.get("date_to"),
    }
    return entries.filter(**{key: value for key, value in lookups.items() if value})


@login_required
def audit_log(request: HttpRequest) -> HttpResponse:
    entries = audit_entries_visible_to(request.user)
    form = AuditFilterForm(request.GET or None)
    if form.is_valid():
        entries = _filtered(entries, form.cleaned_data)
    elif form.is_bound:
        entries = entries.none()
    page = Paginator(entries, 50).get_page(request.GET.get("side"))
    query = request.GET.copy()
    query.pop("side", None)
    rows = [(entry, action_label(entry.action)) for entry in page.object_list]
    context = {"form": form, "page": page, "rows": rows, "query": query.urlencode()}
    return render(request, "audit/log.html", context)
