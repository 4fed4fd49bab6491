"""The import page's form refuses a file over the size limit in the Danish format."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile

from sporskifte.citizens.import_views import ImportForm


def test_a_file_over_the_limit_is_refused_with_sizes_in_the_danish_format(settings: object) -> None:
    settings.IMPORT_MAX_BYTES = 1024 * 1024  # type: ignore[attr-defined]
    upload = SimpleUploadedFile("spells.csv", b"x" * int(1.5 * 1024 * 1024), "text/csv")
    form = ImportForm({"kind": "spells"}, {"file": upload})
    assert not form.is_valid()
    assert form.errors["file"] == ["Filen fylder 1,5 MB; der kan højst indlæses 1 MB."]
