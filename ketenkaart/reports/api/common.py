"""Shared by the M3 API: the Dutch names of the enumerations, and the enum field."""

from drf_spectacular.utils import extend_schema_field

from ketenkaart.api.serializers import MappedChoiceField
from ketenkaart.reports.models import (
    FeedbackMoment,
    InvestigationReason,
    JointVisitStatus,
    Outcome,
    RadarClass,
    ReportSource,
    ReportStatus,
    TrailStatus,
)

STATUSES = {
    ReportStatus.RECEIVED: "ontvangen",
    ReportStatus.CLOSED: "afgesloten",
    ReportStatus.ADVICE: "omgezet_naar_advies",
    ReportStatus.HANDED_OVER: "overgedragen",
    ReportStatus.CONDITIONS: "voorwaarden_en_vervolg",
    ReportStatus.INVESTIGATION: "onderzoek",
    ReportStatus.INVESTIGATED: "onderzoek_afgerond",
}


RADAR = {
    RadarClass.FIRST: "eerste_melding",
    RadarClass.REPEAT: "herhaalde_melding",
    RadarClass.WHILE_INVOLVED: "tijdens_betrokkenheid",
}


SOURCES = {
    ReportSource.POLICE: "politie",
    ReportSource.PROFESSIONAL: "professional",
    ReportSource.VEILIG_THUIS: "veilig_thuis",
    ReportSource.CITIZEN: "burger",
}


OUTCOMES = {
    Outcome.CLOSE: "afsluiten",
    Outcome.CONVERT_TO_ADVICE: "omzetten_naar_advies",
    Outcome.LOCAL_TEAM: "lokaal_team",
    Outcome.INVOLVED_PROFESSIONAL: "betrokken_professional",
    Outcome.MULTIDISCIPLINARY: "multidisciplinair_team",
    Outcome.CONDITIONS: "voorwaarden_en_vervolg",
    Outcome.INVESTIGATION: "onderzoek",
}


REASONS = {
    InvestigationReason.DIRECT_INTERVENTION: "direct_ingrijpen",
    InvestigationReason.NOT_CERTAIN: "niet_vastgesteld",
    InvestigationReason.REFUSES_HELP: "ontkent_of_weigert_hulp",
    InvestigationReason.THIN_INFORMATION: "te_weinig_informatie",
    InvestigationReason.ANONYMITY: "anonimiteit_toegezegd",
}


MOMENTS = {
    FeedbackMoment.AFTER_ASSESSMENT: "na_veiligheidsbeoordeling",
    FeedbackMoment.AFTER_INVESTIGATION: "na_onderzoek",
}


TRAIL_STATUSES = {
    TrailStatus.OPEN: "loopt",
    TrailStatus.CLOSED: "afgesloten_geen_vermoeden",
    TrailStatus.MUST_REPORT: "melden_verplicht",
    TrailStatus.REPORT: "melden",
    TrailStatus.HELP: "hulp",
    TrailStatus.HELP_CLOSED: "hulp_afgesloten",
    TrailStatus.REPORTED: "gemeld",
    TrailStatus.STOPPED: "gestopt",
}


ANSWERS = {"yes": "ja", "no": "nee", "with_vt": "samen_met_veilig_thuis"}


def enum(mapping: dict, **kwargs) -> MappedChoiceField:
    """A Dutch choice documented inline (wrapped in allOf, which the enum post-processing
    leaves alone), so it never collides with another app's enum of the same field name."""
    schema = {"allOf": [{"type": "string", "enum": list(mapping.values())}]}
    field_class = extend_schema_field(schema)(type("InlineChoiceField", (MappedChoiceField,), {}))
    return field_class(mapping, **kwargs)


def _mapped(mapping, source=None):
    return enum(mapping, read_only=True, **({"source": source} if source else {}))


JOINT_VISIT_STATUSES = {
    JointVisitStatus.PLANNED: "gepland",
    JointVisitStatus.DONE: "afgelegd",
    JointVisitStatus.CANCELLED: "niet_doorgegaan",
}
