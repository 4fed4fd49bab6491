"""`log(...)`: the one way to write an audit entry."""

from __future__ import annotations

from typing import Any

from django.db import models

from sporskifte.audit.context import current_request_id
from sporskifte.audit.logging import mask_cpr_in_text
from sporskifte.audit.models import LogEntry

# Danish labels of the actions, for the audit browser.
ACTION_LABELS: dict[str, str] = {
    "person.view": "Så personside",
    "person.search": "Søgte efter person",
    "person.reveal_cpr": "Viste fuldt CPR-nummer",
    "person.create": "Oprettede person",
    "person.update": "Ændrede person",
    "data.import": "Indlæste data",
    "spell.open": "Modtog ansøgning om sygedagpenge",
    "spell.open_register": "Åbnede sager fra registerindlæsning",
    "spell.screen": "Screenede sag",
    "spell.employer_expectation": "Modtog arbejdsgivers forventning",
    "spell.extension_ground": "Registrerede forlængelsesgrundlag",
    "spell.return": "Registrerede raskmelding",
    "review.confirm": "Bekræftede foreslået spor",
    "review.override": "Valgte et andet spor",
    "review.cancel": "Annullerede vurdering",
    "contact.record": "Registrerede samtale",
    "contact.move": "Flyttede kontaktdato",
    "case.view": "Så sag",
    "case.file": "Udskrev sagen (aktindsigt)",
    "worklist.view": "Så arbejdsliste",
    "alerts.refresh": "Tjekkede advarsler",
    "transition.course_view": "Så forløb (overgang)",
    "transition.decide_next_step": "Besluttede næste skridt efter forløb",
    "transition.grant": "Bevilgede forløb",
    "transition.grant_refused": "Forsøgte at visitere til lukket ordning (afvist)",
    "transition.letter": "Dannede brev om forløbets afslutning",
    "transition.letter_preview": "Så udkast til brev om forløbets afslutning",
    "transition.letter_download": "Hentede brev om forløbets afslutning",
    "transition.letter_batch": "Startede brevkørsel for en måned",
    "transition.forecast_export": "Hentede prognose for udfasning",
    "transition.recheck": "Genberegnede overgangsadvarsler",
    "citizens.gaps_check": "Søgte efter huller mellem ordninger",
    "person.handover": "Overdrog sagen til en anden forvaltning",
    "person.share": "Delte sagen med en anden forvaltning",
    "person.handover_accept": "Modtog overdraget sag",
    "person.share_withdraw": "Trak delingen af sagen tilbage",
    "person.handover_withdraw": "Trak overdragelsen af sagen tilbage",
    "application.hold": "Modtog ansøgning uden login (afventer identitet)",
    "application.throttled": "Afviste anmeldelse uden login (for mange)",
    "application.held_list": "Så ansøgninger uden login",
    "application.held_view": "Så ansøgning uden login",
    "application.match": "Knyttede ansøgning uden login til person",
    "application.reject": "Afviste ansøgning uden login",
    "receipt.view": "Så kvittering",
    "alerts.view": "Så advarsler",
    "transition.overview": "Så overgangslisten",
    "transition.grant_view": "Så bevillingsside (overgang)",
    "api.course_search": "Søgte forløb via API",
    "access.refused": "Adgang nægtet",
    "law.signoff": "Godkendte parameter i lovgrundlaget (jurist)",
    "capacity.set": "Satte teamets kapacitet (sporpolitik)",
    "auth.login": "Loggede ind",
    "auth.logout": "Loggede ud",
    "auth.login_failed": "Mislykket login",
}


def log(
    action: str,
    *,
    actor: Any = None,
    obj: models.Model | None = None,
    label: str | None = None,
    detail: dict[str, Any] | None = None,
) -> LogEntry:
    """Append one audit entry. Labels are stored masked: a CPR number never enters the log."""
    user = actor if getattr(actor, "pk", None) else None
    team = getattr(user, "team", None) if user else None
    object_label = label if label is not None else (str(obj) if obj is not None else "")
    return LogEntry.objects.create(
        action=action,
        actor=user,
        actor_label=getattr(user, "username", "") if user else (str(actor or "system")),
        actor_team=team.name if team else "",
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=mask_cpr_in_text(object_label)[:255],
        detail=detail or {},
        request_id=current_request_id(),
    )


def action_label(action: str) -> str:
    return ACTION_LABELS.get(action, action)
