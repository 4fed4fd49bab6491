"""The one Danish format for dates, numbers, amounts and percentages (pages, letters, CSV files,
the command line) and the template filters over it."""

from __future__ import annotations

from datetime import UTC, date, datetime, time

import pytest
from django.template import Context, Template

from sporskifte.lib import danish
from sporskifte.lib.csvsafe import excel_csv


def test_a_date_is_day_month_name_year() -> None:
    assert danish.dato(date(2026, 12, 1)) == "1. december 2026"
    assert danish.dato(date(2024, 5, 22)) == "22. maj 2024"


def test_a_moment_is_the_date_with_a_clock_in_periods() -> None:
    moment = datetime(2026, 2, 1, 9, 5, 30)
    assert danish.dato_tid(moment) == "1. februar 2026 kl. 09.05"
    assert danish.dato_tid(moment, seconds=True) == "1. februar 2026 kl. 09.05.30"


def test_a_month_is_its_name_and_year() -> None:
    assert danish.month(date(2026, 9, 14)) == "september 2026"


@pytest.mark.parametrize(
    ("days", "words"),
    [
        (0, "i dag"), (1, "i morgen"), (-1, "i går"), (2, "om 2 dage"), (-4, "for 4 dage siden"),
        (13, "om 13 dage"), (14, "om 2 uger"), (20, "om 20 dage"), (21, "om 3 uger"),
        (59, "om 59 dage"),
    ],
)  # fmt: skip
def test_a_short_deadline_is_exact(days: int, words: str) -> None:
    today = date(2026, 11, 23)
    assert danish.days_until(date.fromordinal(today.toordinal() + days), today) == words


def test_a_long_deadline_counts_whole_months() -> None:
    today = date(2026, 11, 23)
    assert danish.days_until(date(2027, 3, 31), today) == "om 4 måneder"
    assert danish.days_until(date(2027, 1, 21), today) == "om 59 dage"
    assert danish.days_until(date(2027, 1, 22), today) == "om 1 måned"
    assert danish.days_until(date(2027, 1, 23), today) == "om 2 måneder"


def test_numbers_group_thousands_with_a_point_and_use_a_decimal_comma() -> None:
    assert danish.number(3768) == "3.768"
    assert danish.number(12345.67, 1) == "12.345,7"
    assert danish.number(-0.5, 2) == "-0,50"
    assert danish.kr(15500) == "15.500 kr."


def test_percentages_have_a_space_and_a_decimal_comma() -> None:
    assert danish.pct(0.75) == "75 %"
    assert danish.pct(0.125) == "12,5 %"
    assert danish.pct(0.686, 1) == "68,6 %"
    assert danish.pct(0.3841, 0) == "38 %"
    assert danish.points(0.153) == "+15 procentpoint"
    assert danish.points(-0.04) == "−4 procentpoint"


def test_the_template_filters_use_the_same_format(settings: object) -> None:
    template = Template(
        "{% load danish %}{{ d|long_date }}|{{ m|long_datetime }}|{{ d|month_year }}|"
        "{{ n|number }}|{{ p|percent }}|{{ p|percent:1 }}|{{ d|days_until:today }}|"
        "{{ none|long_date }}"
    )
    text = template.render(
        Context({
            "d": date(2026, 12, 1), "m": datetime(2026, 12, 1, 13, 30, tzinfo=UTC),
            "n": 3768, "p": 0.686, "today": date(2026, 11, 29), "none": None,
        })
    )  # fmt: skip
    # 13:30 UTC is 14:30 in Copenhagen (the site's time zone).
    assert text == (
        "1. december 2026|1. december 2026 kl. 14.30|december 2026|3.768|69 %|68,6 %|om 2 dage|–"
    )


def test_a_clock_time_has_a_period_and_a_spreadsheet_date_has_dashes() -> None:
    assert danish.clock(time(9, 5)) == "09.05"
    assert danish.clock(datetime(2026, 2, 1, 17, 30)) == "17.30"
    assert danish.short_date(date(2026, 2, 1)) == "01-02-2026"


def test_a_stored_month_key_reads_as_the_month_name() -> None:
    assert danish.month_label("2026-02") == "februar 2026"
    assert danish.month_label("2026-13") == "2026-13"
    assert danish.month_label("Nørrebro") == "Nørrebro"


def test_hours_seconds_and_point_distances() -> None:
    assert danish.hours(1) == "1 time"
    assert danish.hours(1234) == "1.234 timer"
    assert danish.hours(2.5, 1) == "2,5 timer"
    assert danish.seconds(12.34) == "12,3 s"
    assert danish.point_distance(0.05) == "5 procentpoint"
    assert danish.point_distance(-0.1) == "10 procentpoint"


def test_a_spreadsheet_cell_has_a_decimal_comma_and_no_thousands_separator() -> None:
    assert danish.cell(0.5833) == "0,5833"
    assert danish.cell(12345) == "12345"
    assert danish.cell(-1.5) == "-1,5"
    assert danish.cell(date(2026, 12, 1)) == "01-12-2026"
    assert danish.cell(datetime(2026, 12, 1, 8, 0)) == "01-12-2026 08.00"
    assert danish.cell(True) == "Ja"
    assert danish.cell(None) == ""
    assert danish.cell(float("nan")) == ""
    assert danish.cell("Nørrebro") == "Nørrebro"


def test_the_excel_download_is_the_danish_spreadsheet_dialect() -> None:
    body = excel_csv(
        ("gruppe", "andel", "dato", "antal"),
        [
            {"gruppe": "Amager; Vest", "andel": 0.125, "dato": date(2026, 5, 1), "antal": 1234},
            {"gruppe": "=HYPERLINK()", "andel": -0.5, "dato": None, "antal": 0},
        ],
    )
    assert body.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte order mark
    text = body.decode("utf-8-sig")
    assert text.split("\r\n") == [
        "gruppe;andel;dato;antal",
        '"Amager; Vest";0,125;01-05-2026;1234',
        "'=HYPERLINK();-0,5;;0",
        "",
    ]


def test_the_new_template_filters_use_the_same_format() -> None:
    template = Template(
        "{% load danish %}{{ t|clock }}|{{ d|iso_date }}|{{ y|plain }}|{{ h|hours }}|"
        "{{ k|month_year }}|{{ g|month_year }}|{{ p|point_distance }}|{{ none|iso_date }}|"
        "{{ none|percent }}"
    )
    text = template.render(
        Context({
            "t": time(7, 0), "d": date(2026, 12, 1), "y": 2026, "h": 37.4, "k": "2026-05",
            "g": "Amager Vest", "p": 0.05, "none": None,
        })
    )  # fmt: skip
    assert text == ("07.00|2026-12-01|2026|37 timer|maj 2026|Amager Vest|5 procentpoint||–")


def test_halves_round_away_from_zero_as_people_round() -> None:
    assert danish.number(12.5) == "13"
    assert danish.number(2.675, 2) == "2,68"
    assert danish.pct(0.125, 0) == "13 %"
    assert danish.pct(0.125) == "12,5 %"
    assert danish.points(0.125) == "+13 procentpoint"
    assert danish.number(-0.04, 1) == "0,0"
    assert danish.number(float("nan")) == "–"
    assert danish.pct(float("nan"), 1) == "–"
