"""The model card (Markdown, Danish), written into the model directory at training.

Follows Mitchell et al. (2019): intended and out-of-scope uses, data, metrics, group metrics,
limitations; plus what a Danish municipality must settle before use (legal basis, AI Act duties)
and the content hashes that tie the card to the exact data and model files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sporskifte.lib.danish import number, signed
from sporskifte.screening.register_inputs import card_lines
from sporskifte.screening.results import (
    METRIC_NAMES,
    MODEL_NAMES,
    TRUTH_NAMES,
    TRUTH_TARGETS,
    Evaluation,
    truth_verdict,
)

INTENDED = """\
- Beslutningsstøtte til sagsbehandlere i sygedagpengeopfølgningen: ved sygemeldingens start et
  bud på sandsynligheden for stadig at være sygemeldt efter 26 uger (`p_long`), en forventet
  medianvarighed og de faktorer, der trak buddet op og ned, med deres størrelse.
- Et forslag til spor (ingen opfølgning / let opfølgning / tværfaglig indsats), der kombinerer
  lovens regler, risikoen og kommunens kapacitet. Sagsbehandleren træffer afgørelsen.
- Planlægning af kapacitet på gruppeniveau (forventet arbejdsbyrde pr. uge)."""

OUT_OF_SCOPE = """\
- Automatiske afgørelser uden menneskelig vurdering (GDPR art. 22; bekendtgørelsen fra januar
  2026 forbyder fuldt automatiserede afgørelser).
- At fratage nogen en ret eller en ydelse, som loven giver, eller at tilsidesætte lovens
  fritagelse uden en konkret vurdering.
- Kontrol, sanktioner eller mistanke om snyd.
- Andre ydelser, andre kommuner eller andre perioder uden ny træning og evaluering.
- Rangordning af personer til andre formål end opfølgningen på den konkrete sygemelding."""

LIMITATIONS = """\
- Modellen er trænet på kommunens egen historik (eller syntetiske data i demoen). Den siger
  intet om, hvad en indsats ændrer: et højt `p_long` betyder risiko uden indsats som i
  historikken, ikke at en indsats virker.
- Forløb, der stadig kørte ved udtræksdatoen, indgår via IPCW-vægte. Det forudsætter, at
  censureringen er uafhængig af udfaldet; en tendens i risikoen over kalendertid kan give en
  lille skævhed.
- Reformen ændrer opfølgningen fra 2026: historikken er fra før reformen, og sammenhængene kan
  flytte sig. Modellen skal genevalueres, når der er data efter reformen, og mindst årligt.
- Svarene på oplysningsskemaet (egen og arbejdsgiverens forventning, selvvurderet helbred) er
  de stærkeste faktorer; mangler de, er buddet mindre sikkert.
- Medianvarigheden er forankret i `p_long` via en log-normal varighedsmodel med én fælles
  spredning; den er et groft bud for den enkelte.
- Fairnessmålingerne er beregnet på evalueringsperioden; små grupper har brede intervaller.
- Filernes SHA-256 beviser, at de er uændrede siden træningen, men er ingen signatur: mappen
  skal ligge, hvor kun modelejeren kan skrive."""

LEGAL = """\
Skal bekræftes af kommunen (juridisk og databeskyttelsesrådgiver) før brug:

- **Hjemmel til udvikling, træning og drift**: bekendtgørelsen af januar 2026 om kommuners brug
  af kunstig intelligens i beskæftigelsesindsatsen (nummer slås op på retsinformation.dk), med
  GDPR art. 6, stk. 1, litra e, og art. 9, stk. 2, litra g. Datatilsynet fandt i 2022 (Asta) og
  2023 (Københavns Kommune), at drift kræver klar supplerende hjemmel.
- **GDPR art. 22**: ingen afgørelse må alene bygge på automatisk behandling; sagsbehandleren
  skal have reel mulighed for og pligt til at vurdere og fravige forslaget. Art. 15, stk. 1,
  litra h: borgeren har ret til meningsfuld information om logikken (forklaringerne).
- **Forvaltningsloven § 22-24**: en afgørelse, som buddet indgår i, skal begrundes med de
  hovedhensyn, der var bestemmende; buddet, versionen og faktorerne skal på sagen (§ 9,
  aktindsigt).
- **EU's AI-forordning**: profilering i forbindelse med offentlige ydelser er højrisiko (bilag
  III, punkt 5, litra a; art. 6, stk. 3, undtagelsen gælder ikke profilering). Som idriftsætter
  skal kommunen bl.a. sikre menneskeligt tilsyn, logning i mindst 6 måneder (art. 26) og lave en
  konsekvensanalyse for grundlæggende rettigheder (art. 27); registrering i EU-databasen.
- **Konsekvensanalyse (DPIA)** efter GDPR art. 35 før drift."""


def _metrics(evaluation: Evaluation) -> str:
    header = "| Model | " + " | ".join(METRIC_NAMES.values()) + " |"
    rule = "|---" * (len(METRIC_NAMES) + 1) + "|"
    rows = [
        f"| {MODEL_NAMES.get(role, role)} | "
        + " | ".join(f"{number(values[k], 3)}" for k in METRIC_NAMES)
        + " |"
        for role, values in evaluation.metrics.items()
    ]
    return "\n".join([header, rule, *rows])


def _groups(evaluation: Evaluation) -> str:
    fairness = evaluation.fairness
    flagged = fairness[fairness["flagged"]]
    lines = [
        "Målt efter køn, aldersgruppe, bydel og oprindelse (oprindelse, køn og bydel er aldrig "
        "input til modellen). Tolerancer: kalibrering i det store højst 3 procentpoint fra 0, AUC "
        "højst 0,05 fra den samlede, falsk-kort-rate (langvarige forløb under tærsklen for "
        "tværfaglig indsats) højst 10 procentpoint fra den samlede. Hele tabellen står i "
        "`report.html` og `fairness.csv`.",
        "",
    ]
    if flagged.empty:
        lines.append("Ingen grupper er markeret.")
    for row in flagged.to_dict("records"):
        lines.append(
            f"- **Markeret**: {row['attribute']} = {row['group']} (n = {row['n']}), "
            f"{row['metric']}: {number(row['value'], 3)} mod reference "
            f"{number(row['reference'], 3)} (95 %-interval {number(row['ci_low'], 3)}–"
            f"{number(row['ci_high'], 3)})"
        )
    return "\n".join(lines)


def _pairs(metadata: dict[str, Any]) -> str:
    pairs = metadata.get("pairs") or {}
    if not pairs:
        return "Ingen samspilsled."
    losses = ", ".join(
        f"{k}: {number(loss, 5)}"
        for k, loss in zip(pairs["grid"], pairs["holdout_log_loss"], strict=True)
    )
    lines = [
        f"Biblioteket foreslog {pairs['candidates']} par; antallet er valgt på den senere periode "
        f"efter vægtet log-tab (antal par: tab) {losses}. Valgt: **{pairs['chosen']}**. Hvert "
        "par vises for sagsbehandleren og i aktindsigten som én samlet faktor "
        '("X og y tilsammen: +n procentpoint"), og faktorerne summerer stadig præcist til '
        "buddet. Perioden bruges både til valget og til målingerne nedenfor; ét valg blandt "
        f"{len(pairs['grid'])} muligheder giver kun en lille optimisme.",
    ]
    lines += [f"- `{name}`" for name in pairs["pairs"]]
    return "\n".join(lines)


def _young(evaluation: Evaluation) -> str:
    young = evaluation.young_false_short
    if not young:
        return ""

    def ci(values: list[float]) -> str:
        return f"{number(values[0], 3)}–{number(values[1], 3)}" if values else "–"

    how = (
        "med tærskler pr. aldersgruppe (valgt til)"
        if young.get("by_age_band")
        else "med én fælles tærskel (standard)"
    )
    return (
        f"Falsk-kort-rate (langvarige forløb under tærsklen for tværfaglig indsats), {how}: "
        f"under 30 år {number(young['under_30'], 3)} (95 %-interval {ci(young['under_30_ci'])}, "
        f"n = {young['n_under_30']}) mod {number(young['overall'], 3)} samlet "
        f"({ci(young['overall_ci'])}); forskel {signed(young['difference'], 3)} "
        f"({ci(young['difference_ci'])}). Tærskler pr. aldersgruppe, der udligner raten, kan "
        "vælges til ved træning (`--thresholds-by-age`); prisen er flere i spor 3 end kapaciteten "
        "giver plads til med én tærskel (timer pr. uge står i rapporten), og at personer behandles "
        "forskelligt efter alder, hvilket kommunen skal beslutte åbent."
    )


def truth_section(evaluation: Evaluation) -> str:
    """Distance to the true probability (synthetic data only), as Markdown."""
    if not evaluation.truth:
        return (
            "Ikke målt her (kræver syntetiske data med kendt sandhed: "
            "`sporskifte model evaluate --truth` eller `make bench`)."
        )
    header = "| Model | " + " | ".join(TRUTH_NAMES.values()) + " | Mål nået |"
    rule = "|---" * (len(TRUTH_NAMES) + 2) + "|"
    rows = []
    for role, values in evaluation.truth.items():
        met = truth_verdict(values)
        rows.append(
            f"| {MODEL_NAMES.get(role, role)} | {number(values['auc_ratio'], 4)} | "
            f"{number(values['mean_abs_error'], 4)} | "
            f"{signed(values['calibration_in_the_large'], 4)} | "
            f"{'ja' if all(met.values()) else 'nej'} |"
        )
    targets = (
        f"Mål: AUC-forhold mindst {TRUTH_TARGETS['auc_ratio']}, gns. |p − p*| højst "
        f"{TRUTH_TARGETS['mean_abs_error']}, kalibrering i det store mod p* højst "
        f"±{TRUTH_TARGETS['calibration_in_the_large']}. p* er den sande sandsynlighed givet "
        "modellens input, som den syntetiske generator giver (`sporskifte.synth.oracle`)."
    )
    return "\n".join([header, rule, *rows, "", targets])


def _files(metadata: dict[str, Any]) -> str:
    lines = [f"- Træningsdata: `{metadata['training_data_sha256']}`"]
    for name, info in metadata["files"].items():
        lines.append(f"- `{name}` ({info['role']}): `{info['sha256']}`")
    return "\n".join(lines)


def _data_line(metadata: dict[str, Any]) -> str:
    """Which rows the measured models and the written models were fitted on."""
    fitted, held = metadata["fit_period"], metadata["holdout_period"]
    measured = metadata.get("evaluated_fit_period", fitted)
    line = (
        f"{metadata['n_training_rows']} forløb; modellerne er tilpasset på forløb med start "
        f"{measured[0]} til {measured[1]} og evalueret på den senere periode {held[0]} til "
        f"{held[1]}."
    )
    if measured != fitted:
        line += (
            " Målingerne nedenfor gælder disse modeller. De gemte modeller er derefter "
            f"tilpasset igen på alle forløb ({fitted[0]} til {fitted[1]}) med de samme "
            "indstillinger og de samme samspilsled, så de bruger også den seneste periode."
        )
    return line


def render(metadata: dict[str, Any], evaluation: Evaluation) -> str:
    """The model card as Markdown."""
    policy = metadata["policy"]
    libs = ", ".join(f"{k} {v}" for k, v in metadata["libraries"].items())
    features = ", ".join(f"`{f}`" for f in metadata["features"])
    return f"""# Modelkort: Sporskifte screening af sygedagpengeforløb

- Version: `{metadata["version"]}` (oprettet {metadata["created"]})
- Horisont: {number(metadata["horizon_weeks"])} uger (regler pr. {metadata["rules_date"]})
- Biblioteker: {libs}

## Tilsigtet brug
{INTENDED}

## Uden for tilsigtet brug
{OUT_OF_SCOPE}

## Data
- {_data_line(metadata)}
{card_lines(metadata)}- Input: {features}.
- Aldrig input (kun til fairnessmåling): `origin`, `sex`, `district`.
- Udfald: stadig sygemeldt efter 26 uger. Forløb, der stadig kørte ved udtræk, indgår med
  IPCW-vægte (Kaplan-Meier for censurering); forløb, der kørte efter 26 uger, er kendt
  langvarige.

## Metode
- Standardmodel: Explainable Boosting Machine med få samspilsled (par af to input, se
  nedenfor), tilpasset på alle forløb med kendt udfald i træningsperioden med IPCW-vægtet
  log-tab (ingen rækker holdes tilbage til kalibrering; Platt-skalering, som bevarer den
  additive struktur, kan vælges til og krydstilpasses). Faktorernes bidrag i procentpoint er en
  eksakt opdeling (Aumann-Shapley langs logit-stien) og summerer præcist til modellens bud.
- Udfordrer: LightGBM med antal træer fundet ved early stopping på de seneste 15 % af
  træningsperioden og derefter tilpasset på alle rækker ({metadata.get("challenger_trees", "?")}
  træer); basislinje: logistisk regression. Samme rækker og vægte for alle tre.
- Medianvarighed: log-normal AFT-model tilpasset med censurering; medianen forankres i `p_long`.
- Spor: lovens fritagelse (fra `sporskifte.rules`) først; tværfaglig indsats ved
  `p_long` ≥ {number(policy["threshold"], 3)} (tilpasset kapaciteten); fritagne med `p_long` ≥
  {number(policy["flag_threshold"], 2)} markeres til menneskelig vurdering.

## Målinger (senere periode, IPCW)
{_metrics(evaluation)}

AUC-forskel udfordrer minus glasboks: {number(evaluation.auc_gap, 3)} (krav: højst 0,01).

## Samspilsled
{_pairs(metadata)}

## Afstand til sandheden (syntetiske data)
{truth_section(evaluation)}

## Gruppemålinger
{_groups(evaluation)}

{_young(evaluation)}

## Begrænsninger
{LIMITATIONS}

## Retsgrundlag
{LEGAL}

## Filer og hashes (SHA-256)
{_files(metadata)}
"""


def write_card(out_dir: Path, metadata: dict[str, Any], evaluation: Evaluation) -> Path:
    """Write `model_card.md` into the model directory."""
    path = Path(out_dir) / "model_card.md"
    path.write_text(render(metadata, evaluation), encoding="utf-8")
    return path
