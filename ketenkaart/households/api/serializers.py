"""The households API's shapes: Dutch camelCase fields over the dossier models. Input
serializers check shape only; the services decide what the law and the domain allow."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from ketenkaart.access import labels
from ketenkaart.api.formats import StrictCharField
from ketenkaart.api.serializers import (
    UUID_MESSAGES,
    BlankAsNullCharField,
    BlankAsNullEmailField,
    MappedChoiceField,
    date,
    professionals,
    reference,
    text,
)
from ketenkaart.audit.models import Outcome
from ketenkaart.core.errors import DomainError
from ketenkaart.households import services
from ketenkaart.households.models import LegalBasis, MeasureType, MemberRole
from ketenkaart.organisations.models import District, Municipality, Role

# Stored value → the Dutch value the API speaks.
MEMBER_ROLES = {
    MemberRole.PARENT: "ouder",
    MemberRole.CARER: "verzorger",
    MemberRole.CHILD: "kind",
    MemberRole.OTHER: "anders",
}


MEASURE_TYPES = {
    MeasureType.PROVISIONAL_SUPERVISION: "voorlopige_ots",
    MeasureType.SUPERVISION: "ots",
    MeasureType.OUT_OF_HOME_PLACEMENT: "machtiging_uithuisplaatsing",
    MeasureType.CUSTODY_TERMINATION: "gezagsbeeindiging",
}


LEGAL_BASES = {
    LegalBasis.CONSENT: "toestemming",
    LegalBasis.VT_WMO_5_2_6: "wmo_5_2_6",
    LegalBasis.BOARD_BW_1_240: "bw_1_240",
    LegalBasis.GI_JEUGDWET_7_3_11: "jeugdwet_7_3_11",
    LegalBasis.COURT_MEASURE: "kinderbeschermingsmaatregel",
    LegalBasis.LEGAL_DUTY: "wettelijke_taak",
    LegalBasis.VT_HANDOVER_WMO_4_1_1: "wmo_4_1_1",
}


# The basis written on an audit row: a gate grant or a legal basis.
AUDIT_BASES = {
    "involvement": "betrokkenheid",
    "organisation_team": "team",
    "emergency_access": "noodtoegang",
    "lead": "regisseur",
    "privacy_officer": "privacy_officer",
    **LEGAL_BASES,
}


OUTCOMES = {Outcome.ALLOWED: "toegestaan", Outcome.DENIED: "geweigerd"}


FRAMES = {False: "vrijwillig", True: "gedwongen"}


# -- output ------------------------------------------------------------------------------------


class WarningSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Waarschuwing"

    code = StrictCharField()
    tekst = StrictCharField(source="text")


class ReferenceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Verwijzing"

    id = serializers.UUIDField()
    naam = StrictCharField(source="name")


class ProfessionalReferenceSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ProfessionalVerwijzing"

    id = serializers.UUIDField()
    naam = StrictCharField(source="display_name")


class MemberSerializer(serializers.Serializer):
    # A member with the full BSN: only inside one dossier, never in a list.

    class Meta:
        ref_name = "Gezinslid"

    id = serializers.UUIDField()
    persoonId = serializers.UUIDField(source="person_id")
    voornamen = StrictCharField(source="person.given_names")
    tussenvoegsel = StrictCharField(source="person.surname_prefix")
    achternaam = StrictCharField(source="person.surname")
    naam = StrictCharField(source="person.full_name")
    geboortedatum = serializers.DateField(source="person.birth_date", allow_null=True)
    bsn = BlankAsNullCharField(source="person.bsn")
    rol = MappedChoiceField(MEMBER_ROLES, source="role")
    heeftGezag = serializers.BooleanField(source="has_custody")


class MemberListItemSerializer(MemberSerializer):
    # In a list the BSN shows only its last three digits.

    class Meta:
        ref_name = "GezinslidInLijst"

    bsn = None
    bsnGemaskeerd = BlankAsNullCharField(source="person.masked_bsn")


class InvolvementSerializer(serializers.Serializer):
    # Someone involved, with the contact details the chain needs: wie kun je bellen.

    class Meta:
        ref_name = "Betrokkene"

    id = serializers.UUIDField()
    professionalId = serializers.UUIDField(source="professional_id")
    naam = StrictCharField(source="professional.display_name")
    functie = StrictCharField(source="professional.get_role_display")
    organisatie = StrictCharField(source="organisation.name")
    organisatieId = serializers.UUIDField(source="organisation_id")
    rolBijGezin = StrictCharField(source="role_in_family")
    telefoon = serializers.SerializerMethodField()
    email = BlankAsNullEmailField(source="professional.user.email")
    isRegisseur = serializers.BooleanField(source="is_lead")
    sinds = serializers.DateField(source="started_on")
    grondslag = MappedChoiceField(LEGAL_BASES, source="legal_basis")

    def get_telefoon(self, involvement) -> str:
        return involvement.professional.phone or involvement.organisation.phone


class MeasureSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Maatregel"

    id = serializers.UUIDField()
    kind = serializers.UUIDField(source="child_id", help_text=_("persoonId van het kind"))
    kindNaam = StrictCharField(source="child.full_name")
    soort = MappedChoiceField(MEASURE_TYPES, source="type")
    ingangsdatum = serializers.DateField(source="starts_on")
    einddatum = serializers.DateField(source="ends_on", allow_null=True)
    beeindigdOp = serializers.DateField(source="ended_on", allow_null=True)
    rechtbank = StrictCharField(source="court")
    verlengt = serializers.UUIDField(
        source="extends_id", allow_null=True, help_text=_("De maatregel die dit verlengt.")
    )
    actief = serializers.SerializerMethodField()
    vastgelegdOp = serializers.DateTimeField(source="recorded_at")

    def get_actief(self, measure) -> bool:
        return measure.is_active_on(self.context.get("day") or timezone.localdate())


class HandoverSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Overdracht"

    id = serializers.UUIDField()
    van = ProfessionalReferenceSerializer(source="from_professional", allow_null=True)
    naar = ProfessionalReferenceSerializer(source="to_professional")
    reden = StrictCharField(source="reason")
    tijdstip = serializers.DateTimeField(source="occurred_at")
    vastgelegdDoor = ProfessionalReferenceSerializer(source="recorded_by")


class OpenOfferSerializer(serializers.Serializer):
    # The handover question that waits for an answer: where to read (and answer) it.

    class Meta:
        ref_name = "OpenRegieVerzoek"

    id = serializers.UUIDField()
    gevraagd = serializers.UUIDField(source="to_professional_id")
    gevraagdOp = serializers.DateTimeField(source="offered_at")
    url = serializers.SerializerMethodField()

    def get_url(self, offer) -> str:
        return reverse("api:handover-offer", kwargs={"verzoek": offer.pk})


class LeadSerializer(serializers.Serializer):
    # The regie of a family: its one regisseur, the frame, every handover, and the open
    # handover question if there is one. Read only: regie moves through regie/verzoeken.

    class Meta:
        ref_name = "Regie"

    regisseur = InvolvementSerializer(source="lead", allow_null=True)
    kader = MappedChoiceField(FRAMES, source="frame_court_ordered")
    overdrachten = HandoverSerializer(source="handovers", many=True)
    openVerzoek = OpenOfferSerializer(source="open_offer", allow_null=True)


class HouseholdListItemSerializer(serializers.Serializer):
    # A line of the caseload. No member and no BSN: a list never shows a person.

    class Meta:
        ref_name = "GezinInLijst"

    id = serializers.UUIDField()
    naam = StrictCharField(source="name")
    gemeente = StrictCharField(source="municipality.name")
    regisseur = serializers.SerializerMethodField()
    regisseurOrganisatie = StrictCharField(source="lead_organisation", allow_null=True)
    aantalBetrokkenen = serializers.IntegerField(source="involved_count", default=0)
    kader = serializers.SerializerMethodField()
    eersteEinddatumMaatregel = serializers.DateField(source="next_measure_end", allow_null=True)
    gesloten = serializers.SerializerMethodField()
    waarschuwingen = WarningSerializer(source="warnings", many=True)

    def get_regisseur(self, household) -> str | None:
        name = " ".join(p for p in (household.lead_given, household.lead_family) if p)
        return name or None

    def get_kader(self, household) -> str:
        return FRAMES[bool(household.has_measure)]

    def get_gesloten(self, household) -> bool:
        return household.closed_at is not None


class DossierSerializer(serializers.Serializer):
    # One family's dossier. Reading it leaves an audit row.

    class Meta:
        ref_name = "Dossier"

    id = serializers.UUIDField(source="household.id")
    naam = StrictCharField(source="household.name")
    regio = ReferenceSerializer(source="household.region")
    gemeente = ReferenceSerializer(source="household.municipality")
    wijk = ReferenceSerializer(source="household.district", allow_null=True)
    aangemaaktOp = serializers.DateTimeField(source="household.created_at")
    geslotenOp = serializers.DateTimeField(source="household.closed_at", allow_null=True)
    kader = MappedChoiceField(FRAMES, source="frame_court_ordered")
    regisseur = InvolvementSerializer(source="lead", allow_null=True)
    leden = MemberSerializer(source="members", many=True)
    betrokkenen = InvolvementSerializer(source="involvements", many=True)
    maatregelen = MeasureSerializer(source="measures", many=True)
    overdrachten = HandoverSerializer(source="handovers", many=True)
    waarschuwingen = WarningSerializer(source="warnings", many=True)


class AccessEventSerializer(serializers.Serializer):
    # A line of the toegangslog: who did what, when, on what basis. No personal data of the
    # family; the organisation names come from the view's context (one query per page).

    class Meta:
        ref_name = "Toegangsregel"

    tijdstip = serializers.DateTimeField(source="occurred_at")
    gebruikersnaam = StrictCharField(source="actor_username")
    organisatie = serializers.SerializerMethodField()
    rol = serializers.SerializerMethodField()
    actie = StrictCharField(source="action")
    omschrijving = serializers.SerializerMethodField()
    uitkomst = MappedChoiceField(OUTCOMES, source="outcome")
    grondslag = serializers.SerializerMethodField()

    def get_organisatie(self, event) -> str | None:
        return self.context["organisation_names"].get(event.actor_organisation_id)

    def get_omschrijving(self, event) -> str:
        return labels.action_label(event.action)

    def get_rol(self, event) -> str | None:
        return str(Role(event.actor_role).label) if event.actor_role in Role.values else None

    def get_grondslag(self, event) -> str | None:
        return AUDIT_BASES.get(event.legal_basis, event.legal_basis) or None


class MatchLeadSerializer(serializers.Serializer):
    class Meta:
        ref_name = "ZoekresultaatRegisseur"

    naam = StrictCharField(source="professional.display_name")
    organisatie = StrictCharField(source="organisation.name")
    telefoon = serializers.SerializerMethodField()

    def get_telefoon(self, involvement) -> str:
        return involvement.professional.phone or involvement.organisation.phone


class MatchSerializer(serializers.Serializer):
    # A household that may be the one searched for. One the caller may not see is named only by
    # its regisseur's contact, so the chain can find each other without reading content.

    class Meta:
        ref_name = "Zoekresultaat"

    zichtbaar = serializers.BooleanField(source="visible")
    reden = StrictCharField(source="reason")
    gezin = serializers.SerializerMethodField()
    regisseur = MatchLeadSerializer(source="lead", allow_null=True)

    @extend_schema_field(ReferenceSerializer(allow_null=True))
    def get_gezin(self, match):
        if not match.visible or match.household is None:
            return None
        return ReferenceSerializer(match.household).data


class MatchesSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Zoekresultaten"

    resultaten = MatchSerializer(many=True)


# -- input -------------------------------------------------------------------------------------


def validate_bsn(value: str) -> str:
    try:
        return services.normalise_bsn(value)
    except DomainError as error:
        raise serializers.ValidationError(error.message, code="invalid") from error


class HouseholdCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NieuwGezin"

    naam = text(max_length=200)
    gemeente = reference(Municipality.objects.all(), _("Deze gemeente bestaat niet."))
    wijk = reference(
        District.objects.all(), _("Deze wijk bestaat niet."), required=False, allow_null=True
    )
    rolBijGezin = text(max_length=120, required=False, default="")
    grondslag = MappedChoiceField(LEGAL_BASES, required=False, default=LegalBasis.CONSENT)


class MemberCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NieuwGezinslid"

    voornamen = text(max_length=200)
    tussenvoegsel = text(max_length=20, required=False, allow_blank=True, default="")
    achternaam = text(max_length=200)
    geboortedatum = date(required=False, allow_null=True, default=None)
    bsn = text(
        required=False,
        allow_blank=True,
        default="",
        max_length=20,
        help_text=_("Negen cijfers; leeg als het BSN onbekend is."),
    )
    rol = MappedChoiceField(MEMBER_ROLES)
    heeftGezag = serializers.BooleanField(
        required=False, default=False, error_messages={"invalid": _("Gebruik true of false.")}
    )

    def validate_bsn(self, value: str) -> str:
        return validate_bsn(value)


class InvolvementCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NieuweBetrokkene"

    professional = reference(professionals(), _("Deze professional bestaat niet."))
    rolBijGezin = text(max_length=120)
    grondslag = MappedChoiceField(LEGAL_BASES)
    sinds = date(required=False, allow_null=True, default=None)
    toestemmingVan = serializers.ListField(
        child=serializers.UUIDField(error_messages=UUID_MESSAGES),
        required=False,
        default=list,
        help_text=_(
            "Bij de grondslag toestemming: de persoonId van elk gezinslid dat toestemming gaf. "
            "Onder de 12 de ouders met gezag; van 12 tot 16 het kind én de ouders; vanaf 16 "
            "de jongere zelf."
        ),
    )


class HandoverCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "RegieOverdracht"

    regisseur = reference(
        professionals(),
        _("Deze professional bestaat niet."),
        help_text=_("De professional die de regie krijgt."),
    )
    reden = text(
        max_length=2000,
        error_messages={
            "required": _("Geef een reden voor de overdracht."),
            "blank": _("Geef een reden voor de overdracht."),
        },
    )


class MeasureCreateSerializer(serializers.Serializer):
    class Meta:
        ref_name = "NieuweMaatregel"

    kind = serializers.UUIDField(
        error_messages=UUID_MESSAGES, help_text=_("persoonId van een kind van dit gezin")
    )
    soort = MappedChoiceField(MEASURE_TYPES)
    ingangsdatum = date()
    einddatum = date(allow_null=True, required=False, default=None)
    rechtbank = text(max_length=120)
    regieNaar = reference(
        professionals(),
        _("Deze professional bestaat niet."),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("De jeugdbeschermer die met deze maatregel de regie krijgt."),
    )
    reden = text(max_length=2000, required=False, allow_blank=True, default="")
    ots = serializers.UUIDField(
        required=False,
        allow_null=True,
        default=None,
        help_text=_("Bij een machtiging uithuisplaatsing: de (voorlopige) OTS waar zij bij hoort."),
    )
    voogdijBij = serializers.ChoiceField(
        choices=["instelling", "persoon"], required=False, allow_null=True, default=None
    )
    voogdijInstelling = serializers.UUIDField(required=False, allow_null=True, default=None)
    voogdNaam = text(max_length=200, required=False, allow_blank=True, default="")


class MeasureExtendSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Verlenging"

    einddatum = date()
    rechtbank = text(max_length=120, required=False, allow_blank=True, default="")


class MeasureEndSerializer(serializers.Serializer):
    class Meta:
        ref_name = "Beeindiging"

    beeindigdOp = date()
    regieNaar = reference(
        professionals(),
        _("Deze professional bestaat niet."),
        required=False,
        allow_null=True,
        default=None,
        help_text=_("De professional van het lokale team die de regie terugkrijgt."),
    )
    reden = text(max_length=2000, required=False, allow_blank=True, default="")


class PersonSearchSerializer(serializers.Serializer):
    # Search terms travel in the body, so a BSN never appears in a URL or a log line.

    class Meta:
        ref_name = "Zoekvraag"

    bsn = text(required=False, allow_blank=True, default="", max_length=20)
    achternaam = text(required=False, allow_blank=True, default="", max_length=200)
    geboortedatum = date(required=False, allow_null=True, default=None)

    def validate_bsn(self, value: str) -> str:
        return validate_bsn(value)

    def validate(self, attrs):
        if attrs["bsn"] or (attrs["achternaam"].strip() and attrs["geboortedatum"]):
            return attrs
        if attrs["achternaam"].strip():
            raise serializers.ValidationError(
                {"geboortedatum": _("Zoek op achternaam samen met de geboortedatum.")}
            )
        raise serializers.ValidationError(
            {"bsn": _("Geef een BSN, of een achternaam met een geboortedatum.")}
        )
