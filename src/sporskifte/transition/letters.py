"""The letter to a citizen whose course ends: plain Danish, made as a PDF with xhtml2pdf from
a Django template (`transition/letter/letter.html`, styles in `letter.css`)."""

from __future__ import annotations

import io
import re
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from xhtml2pdf import pisa
from xhtml2pdf.default import DEFAULT_CSS

from sporskifte.citizens.models import Course
from sporskifte.lib import danish
from sporskifte.rules import courses as course_rules
from sporskifte.rules._text import dato
from sporskifte.transition.policy import NEXT_STEP_LABELS, CourseStatus

CSS = (Path(__file__).parent / "templates" / "transition" / "letter" / "letter.css").read_text(
    encoding="utf-8"
)
SCHEME_PHRASES = {
    course_rules.RESSOURCEFORLOEB: ("Dit ressourceforløb", "ressourceforløb"),
    course_rules.JOBAFKLARINGSFORLOEB: ("Dit jobafklaringsforløb", "jobafklaringsforløb"),
    course_rules.REVALIDERING: ("Din revalidering", "revalidering"),
}
BENEFITS = {
    course_rules.RESSOURCEFORLOEB: "ressourceforløbsydelse",
    course_rules.JOBAFKLARINGSFORLOEB: "ressourceforløbsydelse under jobafklaringsforløbet",
    course_rules.REVALIDERING: "revalideringsydelse",
}
DEFAULT_CONTACT = (
    "Skriv til os i Digital Post på borger.dk, eller ring til dit jobcenter. Har du en "
    "sagsbehandler, kan du også kontakte vedkommende direkte."
)


class LetterError(RuntimeError):
    """xhtml2pdf could not make the PDF."""


def context(course: Course, status: CourseStatus, *, signed_by: str, today: date) -> dict[str, Any]:
    """Everything the letter says, as template context."""
    phrase, name = SCHEME_PHRASES[course.scheme]
    reasons = status.precheck.reasons
    team = course.person.team if course.person else None
    team_name = team.name if team else (course.team_name or "")
    return {
        "title": f"{phrase} slutter",
        "today_text": dato(today),
        "course_id": course.course_id,
        "person_name": course.person.name if course.person else "",
        "team_name": team_name,
        "scheme_phrase": phrase,
        "scheme_name": name,
        "benefit_name": BENEFITS[course.scheme],
        "end_text": dato(status.end_date),
        "months_left": status.months_left,
        "until_text": danish.days_until(status.end_date, today),
        "ended": status.end_date < today,
        "end_is_legal": bool(status.end.reasons),
        "end_reason_text": " ".join(r.text for r in status.end.reasons),
        "end_provisional": status.end.provisional,
        "next_step_label": NEXT_STEP_LABELS.get(status.facts.next_step or "", ""),
        "precheck": status.precheck.value,
        "reasons": reasons,
        "rules": list(dict.fromkeys(r.rule for r in reasons)),
        "provisional": status.precheck.provisional,
        "contact_text": settings.TRANSITION_LETTER_CONTACT or DEFAULT_CONTACT,
        "team_phone": team.phone if team else "",
        "team_phone_hours": team.phone_hours if team else "",
        "team_address": team.address if team else "",
        "signed_by": signed_by or team_name,
    }


def render_pdf(letter_context: dict[str, Any]) -> bytes:
    """The letter as PDF bytes."""
    html = render_to_string("transition/letter/letter.html", letter_context)
    out = io.BytesIO()
    result = pisa.CreatePDF(html, dest=out, encoding="utf-8", default_css=DEFAULT_CSS + CSS)
    if result.err:
        raise LetterError(f"xhtml2pdf failed with {result.err} error(s)")
    return out.getvalue()


def preview_html(letter_context: dict[str, Any]) -> str:
    """The letter's body as HTML for the preview page (the same template as the PDF), its
    headings one level down under the page's own."""
    html = render_to_string("transition/letter/letter.html", letter_context)
    body = html[html.index("<body>") + len("<body>") : html.index("</body>")]
    for level in (2, 1):
        body = body.replace(f"<h{level}>", f"<h{level + 1}>").replace(
            f"</h{level}>", f"</h{level + 1}>"
        )
    return body


def safe_filename_part(value: str, limit: int = 60) -> str:
    """Letters, digits, dot, dash and underscore only (a course id comes from a register file):
    nothing that can break out of a Content-Disposition header or name a path."""
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "_", value).strip("._")
    return cleaned[:limit] or "forloeb"


def filename(course: Course, today: date) -> str:
    return f"brev-{safe_filename_part(str(course.course_id))}-{today:%Y%m%d}.pdf"
