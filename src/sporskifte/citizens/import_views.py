"""The administrator's upload page: the same validated, all-or-nothing import as the CLI."""

from __future__ import annotations

import tempfile
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.files.uploadedfile import UploadedFile
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from sporskifte.accounts.permissions import Perm, require
from sporskifte.citizens.imports import ImportBusy, ImportRejected, import_files
from sporskifte.lib import danish
from sporskifte.registers import ValidationResult
from sporskifte.ui.forms import DkfdsFormMixin

SUFFIXES = (".csv", ".parquet")


class ImportForm(DkfdsFormMixin, forms.Form):
    kind = forms.ChoiceField(
        label="Hvad vil du indlæse?",
        choices=[("spells", "Sygedagpengeforløb"), ("courses", "Forløb og husstande")],
    )
    file = forms.FileField(
        label="Fil (CSV eller Parquet)", error_messages={"required": "Vælg en fil."}
    )
    households = forms.FileField(
        label="Husstande (CSV eller Parquet)",
        required=False,
        help_text="Skal vælges, når du indlæser forløb: filen med husstandsoplysninger.",
    )
    conditional = ("households",)

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        for name in ("file", "households"):
            upload = data.get(name)
            if upload and not str(upload.name).lower().endswith(SUFFIXES):
                self.add_error(name, "Filen skal være CSV (.csv) eller Parquet (.parquet).")
            elif upload and upload.size > settings.IMPORT_MAX_BYTES:
                mb = 1024 * 1024
                self.add_error(
                    name,
                    f"Filen fylder {danish.number(upload.size / mb, 1)} MB; der kan højst "
                    f"indlæses {danish.number(settings.IMPORT_MAX_BYTES / mb)} MB.",
                )
        if data.get("kind") == "courses" and not data.get("households"):
            self.add_error("households", "Vælg filen med husstande.")
        return data


@login_required
@require_http_methods(["GET", "POST"])
def data_import(request: HttpRequest) -> HttpResponse:
    require(request.user, Perm.DATA_IMPORT)
    form = ImportForm(request.POST or None, request.FILES or None)
    context: dict[str, object] = {"form": form}
    if request.method == "POST" and form.is_valid():
        uploads = {
            "sickness_spells"
            if form.cleaned_data["kind"] == "spells"
            else "courses": form.cleaned_data["file"]
        }
        if form.cleaned_data["kind"] == "courses":
            uploads["households"] = form.cleaned_data["households"]
        with tempfile.TemporaryDirectory() as tmp:
            files = {table: _save(upload, Path(tmp), table) for table, upload in uploads.items()}
            try:
                context["summaries"] = import_files(request.user, files, lang="da")
            except ImportBusy as busy:
                form.add_error(None, str(busy))
            except ImportRejected as rejected:
                context["rejected"] = [
                    (table, uploads[table].name, result, _rows(result))
                    for table, result in rejected.results.items()
                ]
    return render(request, "citizens/data_import.html", context)


def _rows(result: ValidationResult) -> list[tuple[object, ...]]:
    """The first problems of a report as table rows, with the Danish message."""
    return [(p.row, p.column, p.rule, p.value, p.message("da")) for p in result.errors[:500]]


def _save(upload: UploadedFile, folder: Path, table: str) -> Path:
    suffix = Path(str(upload.name)).suffix.lower()
    path = folder / f"{table}{suffix}"
    with path.open("wb") as handle:
        for chunk in upload.chunks():
            handle.write(chunk)
    return path
