"""Building, sending and answering a questionnaire. Answers are stored without any link to
who gave them; the invitation records only that it was answered (so reminders stop)."""

import datetime
import uuid
from collections.abc import Sequence

from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ketenkaart.access import monitor as access
from ketenkaart.audit import services as audit
from ketenkaart.core.errors import DomainError
from ketenkaart.households.models import Household, Involvement
from ketenkaart.notifications.models import Kind
from ketenkaart.notifications.services import notify
from ketenkaart.organisations.models import Organisation, Professional
from ketenkaart.questionnaires import redaction
from ketenkaart.questionnaires.models import (
    Answer,
    Audience,
    Choice,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
    Status,
)

MAX_CLOSED = 5
MAX_OPEN_ANSWER = 2000


def _require_builder(by: Professional) -> None:
    if not access.may_build_questionnaires(by):
        raise DomainError(_("U mag geen vragenlijsten maken."), code="forbidden")


@transaction.atomic
def questionnaire_create(
    *,
    by: Professional,
    title: str,
    audience: str,
    organisations: Sequence[Organisation],
    closed_questions: Sequence[str],
    open_question: str,
    closes_on: datetime.date,
) -> Questionnaire:
    """A few closed questions (ja / een beetje / nee) and one open question."""
    _require_builder(by)
    title = (title or "").strip()
    if not title:
        raise DomainError(_("Geef de vragenlijst een titel."), field="title")
    if audience not in Audience.values:
        raise DomainError(_("Kies voor wie de vragenlijst is."), field="audience")
    closed = [q.strip() for q in closed_questions if q and q.strip()]
    if not 1 <= len(closed) <= MAX_CLOSED:
        raise DomainError(
            _("Stel één tot %(n)s gesloten vragen.") % {"n": MAX_CLOSED}, field="closed_questions"
        )
    if any(len(q) > 300 for q in [*closed, open_question or ""]):
        raise DomainError(_("Een vraag is hoogstens 300 tekens."), field="closed_questions")
    if not (open_question or "").strip():
        raise DomainError(_("Stel één open vraag."), field="open_question")
    if closes_on <= timezone.localdate():
        raise DomainError(_("De sluitdatum moet in de toekomst liggen."), field="closes_on")
    region = by.organisation.region_id
    organisations = list(organisations)
    if not organisations or any(o.region_id != region for o in organisations):
        raise DomainError(_("Kies organisaties uit uw eigen regio."), field="organisations")
    questionnaire = Questionnaire.objects.create(
        region_id=region,
        title=title[:200],
        audience=audience,
        closes_on=closes_on,
        created_by=by,
        created_at=timezone.now(),
    )
    questionnaire.organisations.set(organisations)
    Question.objects.bulk_create(
        [
            Question(questionnaire=questionnaire, position=i, text=t, kind=QuestionKind.CLOSED)
            for i, t in enumerate(closed, start=1)
        ]
        + [
            Question(
                questionnaire=questionnaire,
                position=len(closed) + 1,
                text=open_question.strip(),
                kind=QuestionKind.OPEN,
            )
        ]
    )
    audit.record(
        user=by.user,
        action="questionnaire.created",
        object_type="questionnaire",
        object_id=questionnaire.pk,
    )
    return questionnaire


def _answer_link(invitation: Invitation) -> str:
    return reverse("questionnaires:answer", kwargs={"token": invitation.token})


def parent_invitations(household: Household) -> QuerySet[Invitation]:
    """Hook for the family portal: the open questionnaires this household's parents are asked
    to fill in, with the link to answer."""
    return Invitation.objects.filter(
        household=household, answered=False, questionnaire__status=Status.OPEN
    ).select_related("questionnaire")


def _tell(invitation: Invitation, *, reminder: bool) -> None:
    questionnaire = invitation.questionnaire
    if invitation.professional is not None:
        title = _("Herinnering: vragenlijst “%(t)s”") if reminder else _("Vragenlijst “%(t)s”")
        notify(
            recipient=invitation.professional,
            kind=Kind.ACTION,
            title=title % {"t": questionnaire.title},
            body=_("Uw antwoorden zijn anoniem. De vragenlijst sluit op %(d)s.")
            % {"d": questionnaire.closes_on.isoformat()},
            link=_answer_link(invitation),
        )
        return
    # Parents through their regisseur: the regisseur gets the link to hand over (until the
    # family portal shows it through parent_invitations()).
    assert invitation.household_id is not None  # the check constraint: one or the other
    lead = (
        Involvement.objects.filter(household_id=invitation.household_id, is_lead=True)
        .select_related("professional__user")
        .first()
    )
    if lead is not None:
        notify(
            recipient=lead.professional,
            kind=Kind.ACTION,
            title=_("Vragenlijst voor de ouders: “%(t)s”") % {"t": questionnaire.title},
            body=_(
                "Wilt u deze link aan de ouders geven? Hun antwoorden zijn anoniem; u ziet ze niet."
            ),
            link=_answer_link(invitation),
        )


@transaction.atomic
def questionnaire_send(*, by: Professional, questionnaire: Questionnaire) -> int:
    _require_builder(by)
    if questionnaire.status != Status.DRAFT:
        raise DomainError(_("Deze vragenlijst is al verstuurd."), code="conflict")
    organisations = list(questionnaire.organisations.values_list("pk", flat=True))
    if questionnaire.audience == Audience.PROFESSIONALS:
        invitations = [
            Invitation(questionnaire=questionnaire, professional=p)
            for p in Professional.objects.filter(
                organisation__in=organisations, user__is_active=True
            )
        ]
    else:
        households = (
            Involvement.objects.filter(
                is_lead=True, organisation__in=organisations, household__closed_at__isnull=True
            )
            .values_list("household_id", flat=True)
            .distinct()
        )
        invitations = [Invitation(questionnaire=questionnaire, household_id=h) for h in households]
    Invitation.objects.bulk_create(invitations)
    questionnaire.status = Status.OPEN
    questionnaire.sent_at = timezone.now()
    questionnaire.save(update_fields=["status", "sent_at"])
    for invitation in Invitation.objects.filter(questionnaire=questionnaire).select_related(
        "questionnaire", "professional__user"
    ):
        _tell(invitation, reminder=False)
    audit.record(
        user=by.user,
        action="questionnaire.sent",
        object_type="questionnaire",
        object_id=questionnaire.pk,
    )
    return len(invitations)


def open_invitation(token: uuid.UUID | str) -> Invitation | None:
    invitation = Invitation.objects.filter(token=token).select_related("questionnaire").first()
    if invitation is None or invitation.answered:
        return None
    questionnaire = invitation.questionnaire
    if questionnaire.status != Status.OPEN or questionnaire.closes_on < timezone.localdate():
        return None
    return invitation


@transaction.atomic
def response_submit(
    *, invitation: Invitation, choices: dict[str, str], open_answer: str = ""
) -> None:
    """Store the answers without the invitation; mark the invitation answered. Once only."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.answered:
        raise DomainError(_("Deze vragenlijst is al ingevuld."), code="conflict")
    questions = list(invitation.questionnaire.questions.all())
    open_answer = (open_answer or "").strip()[:MAX_OPEN_ANSWER]
    if open_answer:
        household = invitation.household
        names = (
            redaction.known_names(district_id=household.district_id)
            if household is not None and household.district_id
            else redaction.known_names(region_id=invitation.questionnaire.region_id)
        )
        open_answer = redaction.redact(open_answer, names)
    rows = []
    for question in questions:
        if question.kind == QuestionKind.CLOSED:
            choice = choices.get(str(question.pk), "")
            if choice not in Choice.values:
                raise DomainError(_("Kies een antwoord."), field=f"q{question.position}")
            rows.append(Answer(question=question, choice=choice))
        elif open_answer:
            rows.append(Answer(question=question, text=open_answer))
    response = Response.objects.create(
        questionnaire=invitation.questionnaire, submitted_on=timezone.localdate()
    )
    for row in rows:
        row.response = response
    Answer.objects.bulk_create(rows)
    invitation.answered = True
    invitation.save(update_fields=["answered"])
