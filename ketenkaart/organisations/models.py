"""The chain: regions, municipalities, districts, organisations and their professionals."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Region(models.Model):
    """A Veilig Thuis region; the unit an instance may be sharded by."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("regio")
        verbose_name_plural = _("regio's")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Municipality(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="municipalities")
    name = models.CharField(_("naam"), max_length=120, unique=True)

    class Meta:
        verbose_name = _("gemeente")
        verbose_name_plural = _("gemeenten")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts"
    )
    name = models.CharField(_("naam"), max_length=120)

    class Meta:
        verbose_name = _("wijk")
        verbose_name_plural = _("wijken")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["municipality", "name"], name="district_unique_name")
        ]

    def __str__(self) -> str:
        return self.name


class OrganisationType(models.TextChoices):
    MUNICIPALITY = "municipality", _("Gemeente")
    LOCAL_TEAM = "local_team", _("Wijkteam / jeugdteam / CJG")
    VEILIG_THUIS = "veilig_thuis", _("Veilig Thuis")
    CHILD_PROTECTION_BOARD = "child_protection_board", _("Raad voor de Kinderbescherming")
    CERTIFIED_INSTITUTION = "certified_institution", _("Gecertificeerde instelling")
    POLICE = "police", _("Politie")
    EDUCATION = "education", _("Onderwijs")
    CHILDCARE = "childcare", _("Kinderopvang")
    YOUTH_HEALTH_CARE = "youth_health_care", _("Jeugdgezondheidszorg")
    GENERAL_PRACTITIONER = "general_practitioner", _("Huisarts")
    HOUSING_CORPORATION = "housing_corporation", _("Woningcorporatie")
    DEBT_SUPPORT = "debt_support", _("Schuldhulpverlening")
    PUPIL_TRANSPORT = "pupil_transport", _("Leerlingenvervoer")
    MENTAL_HEALTH = "mental_health", _("GGZ")
    OTHER = "other", _("Andere partner")


# Organisations whose professionals may hold regie in the voluntary frame.
LOCAL_TEAM_TYPES = frozenset({OrganisationType.MUNICIPALITY, OrganisationType.LOCAL_TEAM})


class Organisation(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    name = models.CharField(_("naam"), max_length=200, unique=True)
    type = models.CharField(_("soort"), max_length=40, choices=OrganisationType.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="organisations")
    municipalities = models.ManyToManyField(
        Municipality, blank=True, related_name="organisations", verbose_name=_("werkgebied")
    )
    # A team organisation (e.g. the VT intake team) shares sight of the families that any of
    # its professionals is involved with.
    works_as_team = models.BooleanField(_("werkt als team"), default=False)
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_local_team(self) -> bool:
        return self.type in LOCAL_TEAM_TYPES


class Role(models.TextChoices):
    YOUTH_PROFESSIONAL = "youth_professional", _("Jeugdprofessional / wijkcoach")
    VEILIG_THUIS = "veilig_thuis", _("Medewerker Veilig Thuis")
    CHILD_PROTECTION_BOARD = (
        "child_protection_board",
        _("Medewerker Raad voor de Kinderbescherming"),
    )
    CHILD_PROTECTOR = "child_protector", _("Jeugdbeschermer (GI)")
    POLICE = "police", _("Politie")
    REPORTER = "reporter", _("Signaleerder")
    EXEMPTION_TABLE = "exemption_table", _("Ventieltafel")
    POLICY = "policy", _("Beleid")
    PRIVACY_OFFICER = "privacy_officer", _("Functioneel beheer / privacy officer")


# Roles that work with families and may read a dossier they are involved in.
CASEWORK_ROLES = frozenset(
    {
        Role.YOUTH_PROFESSIONAL,
        Role.VEILIG_THUIS,
        Role.CHILD_PROTECTION_BOARD,
        Role.CHILD_PROTECTOR,
    }
)


class Expertise(models.TextChoices):
    SAFETY_PLUS = "safety_plus", _("Veiligheid-plus")
    MILD_INTELLECTUAL_DISABILITY = "mild_intellectual_disability", _("LVB")
    MENTAL_HEALTH = "mental_health", _("Psychische problemen")
    DIVORCE_CONFLICT = "divorce_conflict", _("Complexe scheiding")
    ADDICTION = "addiction", _("Verslaving")
    LANGUAGE = "language", _("Taal en cultuur")
    DEBTS = "debts", _("Schulden")


class Professional(models.Model):
    """A user at an organisation with a role."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="professional"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="professionals"
    )
    role = models.CharField(_("rol"), max_length=40, choices=Role.choices)
    expertise = models.JSONField(_("expertise"), default=list, blank=True)
    caseload_capacity = models.PositiveSmallIntegerField(_("caseloadcapaciteit"), default=15)
    districts = models.ManyToManyField(District, blank=True, related_name="professionals")
    phone = models.CharField(_("telefoon"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("professional")
        verbose_name_plural = _("professionals")
        ordering = ["user__last_name", "user__first_name"]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        return self.user.get_full_name() or self.user.get_username()

    @property
    def works_with_families(self) -> bool:
        return self.role in CASEWORK_ROLES
