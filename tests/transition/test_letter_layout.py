"""The letter about a course's end: one A4 page where the content allows (counted with pypdf),
the team's phone, hours and address, an exact short deadline ("om 2 dage"), and a preview
before it is made and kept on the case file."""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.test import Client
from django.urls import reverse
from pypdf import PdfReader

from sporskifte.transition import actions
from sporskifte.transition.models import Letter
from tests.transition.conftest import TODAY, Phaseout, make_course

pytestmark = pytest.mark.django_db


def _pages(letter: Letter) -> list[str]:
    return [page.extract_text() for page in PdfReader(io.BytesIO(bytes(letter.pdf))).pages]


def _with_contact(phaseout: Phaseout) -> None:
    team = phaseout.world.nord
    team.phone, team.phone_hours = "70 00 00 01", "mandag-torsdag kl. 9-15"
    team.address = "Demovej 1, 2200 København N"
    team.save()


def test_the_letter_fits_one_page_with_the_teams_phone_hours_and_address(
    phaseout: Phaseout,
) -> None:
    _with_contact(phaseout)
    for course in (phaseout.soon, phaseout.planned):
        [page] = _pages(actions.generate_letter(phaseout.world.caseworker, course.pk))
        assert "Telefon 70 00 00 01 (mandag-torsdag kl. 9-15)" in page
        assert "Demovej 1, 2200 København N" in page
        assert "Venlig hilsen" in page


def test_the_letter_gives_an_exact_short_deadline(phaseout: Phaseout) -> None:
    person = phaseout.jonas
    ending = make_course(
        "C-2DAYS",
        person,
        planned_end_date=date(2026, 11, 25),
        next_step="",
        start_date=date(2024, 1, 1),
    )
    [page] = _pages(actions.generate_letter(phaseout.world.caseworker, ending.pk))
    assert "slutter den 25. november 2026 (om 2 dage)" in page
    assert "under en måned" not in page
    [later] = _pages(actions.generate_letter(phaseout.world.caseworker, phaseout.soon.pk))
    assert "slutter den 31. marts 2027 (om 4 måneder)" in later


def test_the_caseworker_previews_the_letter_before_it_is_made(phaseout: Phaseout) -> None:
    _with_contact(phaseout)
    client = Client()
    client.force_login(phaseout.world.caseworker)
    url = reverse("transition-course-letter", args=[phaseout.soon.pk])
    preview = client.get(url)
    html = preview.content.decode()
    assert preview.status_code == 200
    assert "Dit ressourceforløb slutter den 31. marts 2027" in html
    assert "Telefon <strong>70 00 00 01</strong>" in html
    assert Letter.objects.count() == 0  # nothing is made or kept by looking
    sample = client.get(url + "?pdf=1")
    assert sample["Content-Type"] == "application/pdf"
    assert len(PdfReader(io.BytesIO(sample.content)).pages) == 1
    assert Letter.objects.count() == 0
    made = client.post(url)
    assert made.status_code == 302
    assert Letter.objects.get().course == phaseout.soon
    assert date(2026, 11, 23) == TODAY


def test_the_letter_is_saved_for_a_look(phaseout: Phaseout, tmp_path: object) -> None:
    """The letter's PDF lands in test-output/ so a person can look at the page."""
    from tests.browser.conftest import OUTPUT

    _with_contact(phaseout)
    letter = actions.generate_letter(phaseout.world.caseworker, phaseout.soon.pk)
    OUTPUT.mkdir(parents=True, exist_ok=True)
    path = OUTPUT / "letter-soon.pdf"
    path.write_bytes(bytes(letter.pdf))
    assert len(PdfReader(str(path)).pages) == 1
