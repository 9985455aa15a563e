"""The neighbourhood guide and the low-threshold consult. Neither holds family data: the guide
lists professionals' work contact details; a consult is a question without a family named,
until its asker turns it into a meldcode trail (which is theirs alone)."""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.organisations.models import District, Organisation, Professional


class Subject(models.TextChoices):
    SCHOOL = "school", _("School (intern begeleider)")
    CHILDCARE = "childcare", _("Kinderopvang")
    YOUTH_HEALTH = "youth_health", _("JGZ")
    GP = "gp", _("Huisarts")
    COMMUNITY_WORK = "community_work", _("Opbouwwerk / welzijn")
    SPORT = "sport", _("Sport")
    LOCAL_TEAM = "local_team", _("Contactpersoon wijkteam")
    OTHER = "other", _("Anders")


class GuideEntry(models.Model):
    """Who to call in a district, kept by the organisation it belongs to."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="guide_entries")
    subject = models.CharField(_("onderwerp"), max_length=30, choices=Subject.choices)
    contact_name = models.CharField(_("naam contactpersoon"), max_length=200)
    role = models.CharField(_("rol"), max_length=200)
    phone = models.CharField(_("telefoon (werk)"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail (werk)"), blank=True)
    where_and_when = models.CharField(_("waar en wanneer te vinden"), max_length=300, blank=True)
    professional = models.ForeignKey(
        Professional, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("bijgewerkt"))

    class Meta:
        verbose_name = _("vermelding in de wijkgids")
        verbose_name_plural = _("wijkgids")
        ordering = ["subject", "contact_name"]
        indexes = [models.Index(fields=["district", "subject"], name="guide_district_subject")]

    def __str__(self) -> str:
        return f"{self.contact_name} ({self.get_subject_display()})"


class ConsultStatus(models.TextChoices):
    OPEN = "open", _("Open")
    ANSWERED = "answered", _("Beantwoord")
    CONVERTED = "converted", _("Omgezet in een meldcode-traject")
    SIGNALLED = "signalled", _("Omgezet in een signaal met het gezin genoemd")


class Consult(models.Model):
    """A worried professional's question to the district's wijkteam contact, family unnamed."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="consults")
    asked_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    question = models.TextField(_("uw vraag"))
    status = models.CharField(
        _("stand"), max_length=20, choices=ConsultStatus.choices, default=ConsultStatus.OPEN
    )
    created_at = models.DateTimeField(_("gesteld"))
    converted_at = models.DateTimeField(_("omgezet"), null=True, blank=True)
    # The asker's own trail; only they can open it.
    trail_id = models.UUIDField(_("meldcode-traject"), null=True, blank=True)

    class Meta:
        verbose_name = _("consult")
        verbose_name_plural = _("consulten")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(question=""), name="consult_question"),
            models.CheckConstraint(
                condition=Q(status="converted", trail_id__isnull=False, converted_at__isnull=False)
                | Q(status="signalled", trail_id__isnull=True, converted_at__isnull=False)
                | (
                    ~Q(status__in=["converted", "signalled"])
                    & Q(trail_id__isnull=True, converted_at__isnull=True)
                ),
                name="consult_converted_complete",
            ),
        ]

    def __str__(self) -> str:
        return f"consult {self.pk}"


class ConsultMessage(models.Model):
    id = models.BigAutoField(primary_key=True)
    consult = models.ForeignKey(Consult, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("bericht"))
    sent_at = models.DateTimeField(_("verstuurd"))

    class Meta:
        ordering = ["sent_at", "id"]
        constraints = [models.CheckConstraint(condition=~Q(text=""), name="consult_message_text")]

    def __str__(self) -> str:
        return f"bericht {self.pk}"


class Signal(models.Model):
    """A consult turned into a signal: the asker now names the family to the district's
    wijkteam contact. Only from here on is family data recorded (and audited as such); the
    signal carries the consult's question and thread and what the asker names now, nothing
    else."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consult = models.OneToOneField(Consult, on_delete=models.PROTECT, related_name="signal")
    raised_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    contact = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    child_given_names = models.CharField(_("voornaam van het kind"), max_length=200)
    child_surname = models.CharField(_("achternaam van het kind"), max_length=200)
    child_birth_date = models.DateField(_("geboortedatum van het kind"), null=True, blank=True)
    parent_name = models.CharField(_("naam van een ouder"), max_length=200, blank=True)
    worry = models.TextField(_("de zorg"))
    thread = models.TextField(_("het gesprek in het consult"), blank=True)
    legal_basis = models.CharField(_("grondslag"), max_length=30)
    raised_at = models.DateTimeField(_("gesignaleerd"))

    class Meta:
        verbose_name = _("signaal")
        verbose_name_plural = _("signalen")
        ordering = ["-raised_at"]

    def __str__(self) -> str:
        return f"signaal {self.pk}"


# -- help offered around a case (issue 14: a solidary community around a case) -----------------


class OfferKind(models.TextChoices):
    CHILDCARE = "childcare", _("Kinderopvang (kan met moeder meegaan)")
    COMMUNITY_WORK = "community_work", _("Opbouwwerk / groep in de wijk")
    SPORT = "sport", _("Sportclub")
    YOUTH_HEALTH = "youth_health", _("JGZ")
    VOLUNTEER = "volunteer", _("Vrijwilliger of maatje")
    OTHER = "other", _("Anders")


class OfferAnswer(models.TextChoices):
    PENDING = "pending", _("Nog niet besloten")
    ACCEPTED = "accepted", _("Aangenomen")
    DECLINED = "declined", _("Afgeslagen")


class HelpOffer(models.Model):
    """Help a partner offers in a case discussion; the regisseur and the family each accept or
    decline it. Family data (it hangs on the family's agenda item), so behind the gate."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    item = models.ForeignKey(
        "safety_teams.AgendaItem", on_delete=models.PROTECT, related_name="help_offers"
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.PROTECT, related_name="help_offers"
    )
    offered_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("soort hulp"), max_length=30, choices=OfferKind.choices)
    description = models.TextField(_("wat bieden we aan"))
    offered_at = models.DateTimeField(_("aangeboden"))
    regisseur_answer = models.CharField(
        _("antwoord van de regisseur"),
        max_length=20,
        choices=OfferAnswer.choices,
        default=OfferAnswer.PENDING,
    )
    family_answer = models.CharField(
        _("antwoord van het gezin"),
        max_length=20,
        choices=OfferAnswer.choices,
        default=OfferAnswer.PENDING,
    )
    family_words = models.TextField(_("wat het gezin erover zei"), blank=True)
    answered_by = models.ForeignKey(
        Professional, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    answered_at = models.DateTimeField(_("beantwoord"), null=True, blank=True)

    class Meta:
        verbose_name = _("hulpaanbod")
        verbose_name_plural = _("hulpaanbod")
        ordering = ["offered_at", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(description=""), name="help_offer_description"),
        ]
        indexes = [models.Index(fields=["household", "offered_at"], name="help_offer_household")]

    def __str__(self) -> str:
        return f"hulpaanbod {self.pk}"

    @property
    def outcome(self) -> str:
        """Accepted only when both said yes; declined when either said no."""
        answers = {self.regisseur_answer, self.family_answer}
        if OfferAnswer.DECLINED in answers:
            return OfferAnswer.DECLINED
        if answers == {OfferAnswer.ACCEPTED}:
            return OfferAnswer.ACCEPTED
        return OfferAnswer.PENDING


# -- the leerwerkgemeenschap (issue 14) -----------------------------------------------------------


class LearningCommunity(models.Model):
    """A district's project group with a fixed membership that meets monthly. It never holds a
    family: cases are discussed pseudonymised (attitude and conduct, not case management)."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("naam"), max_length=200)
    members = models.ManyToManyField(Professional, related_name="learning_communities")
    created_at = models.DateTimeField(_("opgericht"))

    class Meta:
        verbose_name = _("leerwerkgemeenschap")
        verbose_name_plural = _("leerwerkgemeenschappen")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class LearningSession(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    community = models.ForeignKey(
        LearningCommunity, on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField(_("datum"))
    theory = models.TextField(_("theoriedeel"))
    notes = models.TextField(_("aantekeningen"), blank=True)
    attendees = models.ManyToManyField(Professional, related_name="+", verbose_name=_("aanwezig"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("bijeenkomst")
        verbose_name_plural = _("bijeenkomsten")
        ordering = ["-held_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["community", "held_on"], name="learning_session_one_per_day"
            ),
        ]

    def __str__(self) -> str:
        return f"bijeenkomst {self.pk}"


class LearningCase(models.Model):
    """A case discussed pseudonymised: no link to a family, no names, no BSN."""

    id = models.BigAutoField(primary_key=True)
    session = models.ForeignKey(LearningSession, on_delete=models.CASCADE, related_name="cases")
    pseudonym = models.CharField(_("schuilnaam van de casus"), max_length=60)
    discussion = models.TextField(_("wat we bespraken (houding en handelen)"))
    organised = models.TextField(_("wat er rond de casus georganiseerd is"), blank=True)

    class Meta:
        verbose_name = _("besproken casus")
        verbose_name_plural = _("besproken casussen")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.pseudonym
