"""Buffers of parenthood and good-parent moments, after Alice van der Pas.

The four buffers that protect the parental work floor, and the five tasks on that floor, are
taken from her *Handboek Methodische Ouderbegeleiding* (ten parts, 1994–2008; the buffers in
parts 3 and 6). Every observation belongs to one parent, one moment and one view — the parent's
own or the professional's — and is never merged with another into a score.
"""

import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ketenkaart.households.models import Household, Person
from ketenkaart.organisations.models import Professional


class Area(models.TextChoices):
    # The four buffers (Van der Pas, HMO deel 3 en 6).
    SOLIDARY_COMMUNITY = "solidary_community", _("Een solidaire samenleving")
    NETWORK = "network", _("Een sociaal netwerk en een goede taakverdeling")
    META_POSITION = "meta_position", _("Een metapositie: zicht op het kind en op uzelf als ouder")
    GOOD_PARENT_EXPERIENCES = "good_parent_experiences", _("Voldoende goede-ouderervaringen")
    # The five tasks of the parental work floor ("de ouderlijke werkvloer").
    VIEW_OF_CHILD = "view_of_child", _("Zicht krijgen op het kind")
    CARING = "caring", _("Verzorgen")
    SAFETY = "safety", _("Veiligheid bieden")
    DEMANDS = "demands", _("Eisen stellen")
    LIMITS = "limits", _("Grenzen trekken")


BUFFER_AREAS = (
    Area.SOLIDARY_COMMUNITY,
    Area.NETWORK,
    Area.META_POSITION,
    Area.GOOD_PARENT_EXPERIENCES,
)
WORK_FLOOR_AREAS = (Area.VIEW_OF_CHILD, Area.CARING, Area.SAFETY, Area.DEMANDS, Area.LIMITS)


class View(models.TextChoices):
    PARENT = "parent", _("Zoals de ouder het ziet")
    PROFESSIONAL = "professional", _("Zoals de professional het ziet")


class Footing(models.TextChoices):
    """How much the buffer carries now, in words that describe support, not the parent.

    Not a score: the three words are never counted, added or averaged, and the two views are
    shown beside each other, not combined."""

    CARRIES = "carries", _("Draagt")
    GROWING = "growing", _("Groeit")
    NEEDS_SUPPORT = "needs_support", _("Kan steun gebruiken")


class BufferObservation(models.Model):
    """One view of one area of one parent at one moment, in words."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(
        Household, on_delete=models.CASCADE, related_name="buffer_observations"
    )
    parent = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    view = models.CharField(_("perspectief"), max_length=20, choices=View.choices)
    area = models.CharField(_("buffer of taak"), max_length=30, choices=Area.choices)
    footing = models.CharField(_("hoe het nu draagt"), max_length=20, choices=Footing.choices)
    words = models.TextField(_("in eigen woorden"))
    observed_on = models.DateField(_("moment"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("waarneming van een buffer")
        verbose_name_plural = _("waarnemingen van buffers")
        ordering = ["observed_on", "recorded_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(words=""), name="buffer_observation_words"),
            models.UniqueConstraint(
                fields=["household", "parent", "view", "area", "observed_on"],
                name="buffer_observation_one_per_moment",
            ),
        ]
        indexes = [models.Index(fields=["household", "observed_on"], name="buffer_obs_film")]

    def __str__(self) -> str:
        return f"{self.get_area_display()} ({self.get_view_display()})"


class GoodMoment(models.Model):
    """Something that went well, in the parent's words when they can; who noticed, and when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="good_moments")
    parent = models.ForeignKey(
        Person, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    what = models.TextField(_("wat ging er goed"))
    in_parents_words = models.BooleanField(_("in de woorden van de ouder"), default=False)
    noticed_by = models.CharField(_("wie zag het"), max_length=200)
    occurred_on = models.DateField(_("wanneer"))
    recorded_by = models.ForeignKey(Professional, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(_("vastgelegd"))

    class Meta:
        verbose_name = _("goede-oudermoment")
        verbose_name_plural = _("goede-oudermomenten")
        ordering = ["-occurred_on", "-recorded_at"]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="good_moment_what"),
            models.CheckConstraint(condition=~Q(noticed_by=""), name="good_moment_noticed_by"),
        ]
        indexes = [models.Index(fields=["household", "-occurred_on"], name="good_moment_latest")]

    def __str__(self) -> str:
        return f"goed moment {self.occurred_on}"
