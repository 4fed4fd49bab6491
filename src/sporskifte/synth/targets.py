"""Calibration targets for the synthetic Copenhagen: value, source link, pass band.

The project's own copy of the figures in the calibration research (no file outside the
package is read). Each target says what is measured on the generated data, the published or
derived value, where it comes from, and the band the generated value must fall in (the
tolerance: a confidence interval or derived range where the source gives one, otherwise a
stated margin). "Design" marks a figure chosen by us where no source was found.

Caveats that shaped the bands:

* the duration figures are a 2012 national stock by weeks of *municipal* payment, before the
  2014 reform; the generator measures on the same clock (onset + employer period);
* the stock-by-week ratios are derived under a steady state and an unknown width of the
  first bin (4 or 5 weeks): the published range is used as the band;
* the Copenhagen course stocks come from the calibration brief and are not verified in public tables
  (fetch Jobindsats y11a02 with area København before production use).
"""

from __future__ import annotations

from dataclasses import dataclass

YEARBOOK = "https://www.yumpu.com/da/document/view/56498453/denmark-yearbook-2011/160"
PRIMIDI = "https://primidi.com/copenhagen/demographics"
BISPEBJERG = "http://en.wikipedia.org/wiki/Bispebjerg"
CITYPOPULATION = "http://www.citypopulation.de/php/denmark-copenhagen.php?cityid=K05"
CABIWEB_STOCK = "http://www.cabiweb.dk/jobcentersygefravaer/noegletal/"
NORTH_JUTLAND = (
    "http://brnordjylland.dk/da/Viden-om-arbejdsmarkedet/Publikationer/Sygefravaer-okt07.aspx"
)
CABIWEB_REVIEW = (
    "http://www.cabiweb.dk/materialer/andres-udgivelser/2015/"
    "sygedagpengereformen-og-det-nye-revurderingstidspunkt/"
)
SCIRP = "http://file.scirp.org/Html/22832.html"
PEDERSEN_2016 = "https://pmc.ncbi.nlm.nih.gov/articles/PMC4833917"
UPDAY = "https://www.upday.com/dk/partier-letter-krav-for-folk-pa-sygedagpenge-og-sparer-millioner"
LUND_2008 = "https://oem.bmj.com/content/65/1/28"
NB_RF_OUTCOMES = (
    "https://www.nb-beskaeftigelse.dk/2019/05/24/"
    "fakta-over-80-pct-paa-varig-forsoergelse-efter-ressourceforloeb/"
)
BM_JAF_OUTCOMES = (
    "http://bm.dk/da/Aktuelt/Nyheder/Arkiv/2017/09/"
    "Arbejdsmarkedsstatus%20efter%20endt%20jobafklaringsforlob.aspx"
)
BM_RF_3_YEARS = (
    "https://bm.dk/nyheder/nyheder/2021/05/kortere-og-mere-maalrettede-ressourceforloeb/"
)
LOV_1750 = (
    "https://www.lovguiden.dk/afgorelse/06-11-2025-forslag-til-lov-om-aendring-af-lov-om-en-"
    "aktiv-beskaeftigelsesindsats-lov-om-organisering-og-understoettelse-af-"
    "beskaeftigelsesindsatsen-m-v-og-forskellige-andre-love-reform-af-beskaeftigelsesindsatsen-"
    "mere-fleksible-kontaktforloeb-og-tilbud-afskaffelse-af-kravet-om-jobcentre-frihed-i-"
    "organisering-af-beskaeftigelsesindsatsen-afskaffelse-af-ressourceforloeb-og-revalidering-m-v"
)
KL_JAF_2027 = (
    "https://backoffice.kl.dk/hoeringssvar/beskaeftigelse-og-integration/2025/"
    "hoeringssvar-aendring-af-sygedagpenge-og-aktivloven-beskaeftigelsesreformen"
)
MENTORBLOG = (
    "https://www.mentorblog.dk/naesten-3-000-syge-danskere-faar-ingen-hjaelp-parkeres-i-"
    "omstridt-forloeb/"
)
BRIEF = "calibration brief (design figure)"


@dataclass(frozen=True)
class Target:
    """One calibration target and its pass band [low, high]."""

    key: str
    label: str
    value: str
    low: float
    high: float
    source: str
    url: str = ""
    kind: str = "share"  # share | ratio | count | number
    note: str = ""

    def passes(self, generated: float) -> bool:
        """True when `generated` lies in the band (NaN never passes)."""
        return bool(self.low <= generated <= self.high)


SPELL_TARGETS: tuple[Target, ...] = (
    Target(
        "spells_per_year",
        "New sickness-benefit spells a year",
        "≈ 40,000",
        38_000,
        42_000,
        "calibration brief (Copenhagen planning figure)",
        "",
        "count",
        "±5 %",
    ),
    Target(
        "female_share",
        "Women among spells",
        "54 %",
        0.52,
        0.56,
        "Statistical Yearbook 2011 (persons, 2010)",
        YEARBOOK,
        "share",
        "±2 pp",
    ),
    Target(
        "self_employed_share",
        "Self-employed at onset",
        "≈ 7 %",
        0.055,
        0.085,
        "Statistical Yearbook 2011 (2010)",
        YEARBOOK,
        "share",
        "±1.5 pp",
    ),
    Target(
        "non_western_share",
        "Non-Western origin",
        "14.6 %",
        0.126,
        0.166,
        "primidi.com (Copenhagen 2012; population share as proxy)",
        PRIMIDI,
        "share",
        "±2 pp",
    ),
    Target(
        "non_western_bispebjerg",
        "Non-Western origin in Bispebjerg",
        "23.2 %",
        0.202,
        0.262,
        "Wikipedia, Bispebjerg (2012)",
        BISPEBJERG,
        "share",
        "±3 pp",
    ),
    Target(
        "district_gap",
        "Largest gap: district share of spells vs population",
        "0",
        0.0,
        0.005,
        "citypopulation.de 2025 (two districts; others approximated)",
        CITYPOPULATION,
        "share",
        "≤ 0.5 pp",
    ),
    Target(
        "mean_age",
        "Mean age at onset",
        "37.2 (1998, private sector)",
        32.2,
        42.2,
        "Lund et al. 2008 (weak proxy: older, private-sector only)",
        LUND_2008,
        "number",
        "±5 years",
    ),
    Target(
        "stock_5_8",
        "Stock at municipal weeks 5–8 / weeks 0–4",
        "0.51–0.64 (derived)",
        0.51,
        0.64,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "derived range",
    ),
    Target(
        "stock_9_13",
        "Stock at weeks 9–13 / weeks 0–4",
        "0.47–0.58 (derived)",
        0.47,
        0.58,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "derived range",
    ),
    Target(
        "stock_14_26",
        "Stock at weeks 14–26 / weeks 0–4",
        "0.32–0.40 (derived)",
        0.32,
        0.40,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "derived range",
    ),
    Target(
        "stock_27_39",
        "Stock at weeks 27–39 / weeks 0–4",
        "0.22–0.28 (derived)",
        0.22,
        0.28,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "derived range",
    ),
    Target(
        "stock_40_52",
        "Stock at weeks 40–52 / weeks 0–4",
        "0.17–0.22 (derived)",
        0.17,
        0.22,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "derived range",
    ),
    Target(
        "stock_53_104",
        "Stock in year 2 / weeks 0–4",
        "≈ 0.05 (derived, 0.048–0.059)",
        0.040,
        0.070,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "ratio",
        "range widened: pre-2014 52-week limit; JAF counts in our spells",
    ),
    Target(
        "share_beyond_26",
        "Share of the stock paid for more than 26 weeks",
        "39 % (derived)",
        0.35,
        0.43,
        "Jobindsats via cabiweb (Aug 2012 stock)",
        CABIWEB_STOCK,
        "share",
        "±4 pp",
    ),
    Target(
        "not_back_by_52",
        "Not ended in work or education 52 weeks after onset",
        "31 %",
        0.25,
        0.37,
        "North Jutland 2007",
        NORTH_JUTLAND,
        "share",
        "±6 pp (other region and era)",
    ),
    Target(
        "extended_at_review",
        "Extended at the 22-week review (of those reaching it)",
        "≈ 50 %",
        0.45,
        0.55,
        "cabiweb 2015",
        CABIWEB_REVIEW,
        "share",
        "±5 pp; a latent step of the generator, not a contract column",
    ),
    Target(
        "mental_share_long",
        "Mental diagnosis among spells of 8+ weeks (known diagnosis)",
        "≈ 52 %",
        0.46,
        0.58,
        "scirp.org 22832 (NFA 2010: ~50 %)",
        SCIRP,
        "share",
        "±6 pp",
    ),
    Target(
        "rtw_rr_mental",
        "Return-to-work rate ratio, mental vs other (employed, 51 wk)",
        "0.87 (0.80–0.93)",
        0.80,
        0.93,
        "Pedersen et al. 2016",
        PEDERSEN_2016,
        "ratio",
        "95 % CI",
    ),
    Target(
        "rtw_rr_mental_adjusted",
        "… adjusted for the person's expected return",
        "1.01 (0.95–1.08)",
        0.95,
        1.08,
        "Pedersen et al. 2016",
        PEDERSEN_2016,
        "ratio",
        "95 % CI",
    ),
    Target(
        "own_expectation_missing",
        "Own expected return not answered",
        "25–35 %",
        0.25,
        0.35,
        BRIEF,
        "",
        "share",
        "band",
    ),
    Target(
        "employer_expectation_answered",
        "Employer's expectation given (employed)",
        "≈ 55 %",
        0.45,
        0.65,
        BRIEF,
        "",
        "share",
        "±10 pp",
    ),
    Target(
        "auc_with_answers",
        "AUC, still sick at 26 weeks (registers + answers)",
        "0.75–0.85",
        0.75,
        0.85,
        BRIEF,
        "",
        "ratio",
        "band",
    ),
    Target(
        "auc_gain_from_answers",
        "AUC gain over registers alone",
        "clearly > 0",
        0.05,
        0.25,
        BRIEF,
        "",
        "ratio",
        "≥ 0.05",
    ),
    Target(
        "auc_gain_from_own_expectation",
        "AUC gain from the person's own expectation (over all else)",
        "> 0",
        0.02,
        0.15,
        BRIEF,
        "",
        "ratio",
        "≥ 0.02: the strongest single answer",
    ),
    Target(
        "stock_at_extract",
        "Spells in municipal payment at the extract date",
        "≈ 9,600–15,700 (derived)",
        8_600,
        17_300,
        "86,000 full-time (2023, upday) × 11.2 % population share × 1.0–1.63 persons "
        "per full-time (2012)",
        UPDAY,
        "count",
        "derived range ±10 %",
    ),
)

COURSE_TARGETS: tuple[Target, ...] = (
    Target(
        "rf_running_2022",
        "Ressourceforløb running on 30 Jun 2022",
        "≈ 3,500",
        3_325,
        3_675,
        "calibration brief (not verified; fetch Jobindsats y11a02)",
        "",
        "count",
        "±5 %",
    ),
    Target(
        "rf_running_2025q3",
        "Ressourceforløb running on 30 Sep 2025",
        "≈ 2,700",
        2_565,
        2_835,
        "calibration brief (not verified; fetch Jobindsats y11a02)",
        "",
        "count",
        "±5 %",
    ),
    Target(
        "rf_end_pension",
        "Ended RF: disability pension",
        "56 %",
        0.52,
        0.60,
        "nb-beskaeftigelse 2019 (2018 outcomes)",
        NB_RF_OUTCOMES,
        "share",
        "±4 pp",
    ),
    Target(
        "rf_end_flexjob",
        "Ended RF: flexjob / ledighedsydelse",
        "≈ 25 %",
        0.21,
        0.29,
        "nb-beskaeftigelse 2019 (2018 outcomes)",
        NB_RF_OUTCOMES,
        "share",
        "±4 pp",
    ),
    Target(
        "rf_end_job",
        "Ended RF: job",
        "4 %",
        0.02,
        0.06,
        "nb-beskaeftigelse 2019 (2018 outcomes)",
        NB_RF_OUTCOMES,
        "share",
        "±2 pp",
    ),
    Target(
        "jaf_end_job",
        "Ended JAF: job",
        "27 %",
        0.23,
        0.31,
        "bm.dk 2017 (2014–16)",
        BM_JAF_OUTCOMES,
        "share",
        "±4 pp",
    ),
    Target(
        "rf_over_3_years",
        "RF granted from 2022 planned longer than 3 years",
        "0",
        0,
        0,
        "bm.dk 2021 (max 3 years from 1 Jan 2022)",
        BM_RF_3_YEARS,
        "count",
        "rule",
    ),
    Target(
        "rf_near_pension_age",
        "RF granted from 2022 within 6 years of pension age",
        "0",
        0,
        0,
        "bm.dk 2021",
        BM_RF_3_YEARS,
        "count",
        "rule",
    ),
    Target(
        "referrals_after_stop",
        "RF or revalidering granted from 1 Feb 2026",
        "0",
        0,
        0,
        "Lov nr. 1750 of 29 Dec 2025",
        LOV_1750,
        "count",
        "rule",
    ),
    Target(
        "jaf_beyond_2026",
        "JAF granted or planned to run into 2027",
        "0",
        0,
        0,
        "KL hearing response 2025 (JAF abolished 1 Jan 2027)",
        KL_JAF_2027,
        "count",
        "rule",
    ),
    Target(
        "rf_parked",
        "Running RF with no contact for more than 12 months",
        "≈ 20 %",
        0.17,
        0.27,
        'mentorblog.dk ("a little over one in five", proxy)',
        MENTORBLOG,
        "share",
        "±5 pp",
    ),
    Target(
        "means_test_fail",
        "Participants who would fail the kontanthjælp means test",
        "≈ 10 %",
        0.07,
        0.13,
        "calibration brief (ministry estimate in the municipal note)",
        "",
        "share",
        "±3 pp; measured with rules.means_test.precheck",
    ),
)

TARGETS: tuple[Target, ...] = SPELL_TARGETS + COURSE_TARGETS
"""Every target, in report order."""
