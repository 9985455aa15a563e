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
from ketenkaart.access.family import has_parent_account
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


def _validated(
    *,
    by: Professional,
    title: str,
    audience: str,
    organisations: Sequence[Organisation],
    closed_questions: Sequence[str],
    open_question: str,
    closes_on: datetime.date,
) -> tuple[str, list[str], list[Organisation]]:
    """The rules of a questionnaire's content, the same when it is built and when changed."""
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
    chosen = list(organisations)
    if not chosen or any(o.region_id != region for o in chosen):
        raise DomainError(_("Kies organisaties uit uw eigen regio."), field="organisations")
    return title[:200], closed, chosen


def _set_questions(questionnaire: Questionnaire, closed: Sequence[str], open_question: str) -> None:
    Question.objects.bulk_create(
        [
            Question(questionnaire=questionnaire, position=i, text=t, kind=QuestionKind.CLOSED)
            for i, t in enumerate(closed, start=1)
        ]
        + [
            Question(
                questionnaire=questionnaire,
                position=len(closed) + 1,
                text=open_question,
                kind=QuestionKind.OPEN,
            )
        ]
    )


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
    title, closed, organisations = _validated(
        by=by,
        title=title,
        audience=audience,
        organisations=organisations,
        closed_questions=closed_questions,
        open_question=open_question,
        closes_on=closes_on,
    )
    region = by.organisation.region_id
    questionnaire = Questionnaire.objects.create(
        region_id=region,
        title=title[:200],
        audience=audience,
        closes_on=closes_on,
        created_by=by,
        created_at=timezone.now(),
    )
    questionnaire.organisations.set(organisations)
    _set_questions(questionnaire, closed, open_question.strip())
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
    """What Mijn gezin shows the household's parents: the questionnaires they are asked to fill
    in and may still answer (as is_open: sent, not closed, closing day not passed), soonest
    closing first. The caller passes the household of its FamilyView; one query."""
    return (
        Invitation.objects.filter(
            household=household,
            answered=False,
            questionnaire__status=Status.OPEN,
            questionnaire__closes_on__gte=timezone.localdate(),
        )
        .select_related("questionnaire")
        .order_by("questionnaire__closes_on", "questionnaire__created_at", "pk")
    )


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
    # Parents: the regisseur gets the link to hand over; a family with a parent in Mijn gezin
    # also finds it there (portal.selectors through parent_invitations()).
    assert invitation.household_id is not None  # the check constraint: one or the other
    lead = (
        Involvement.objects.filter(household_id=invitation.household_id, is_lead=True)
        .select_related("professional__user")
        .first()
    )
    if lead is None:
        return
    title = (
        _("Herinnering: vragenlijst voor de ouders: “%(t)s”")
        if reminder
        else _("Vragenlijst voor de ouders: “%(t)s”")
    )
    body = (
        _(
            "Wilt u deze link aan de ouders geven? De ouders vinden de vragenlijst ook in Mijn "
            "gezin. Hun antwoorden zijn anoniem; u ziet ze niet."
        )
        if has_parent_account(invitation.household_id)
        else _("Wilt u deze link aan de ouders geven? Hun antwoorden zijn anoniem; u ziet ze niet.")
    )
    notify(
        recipient=lead.professional,
        kind=Kind.ACTION,
        title=title % {"t": questionnaire.title},
        body=body,
        link=_answer_link(invitation),
    )


def _addressees(questionnaire: Questionnaire) -> set[tuple[str, uuid.UUID]]:
    """Who the questionnaire asks: ("professional", id) or ("household", id) of a family whose
    regisseur works at one of its organisations."""
    organisations = list(questionnaire.organisations.values_list("pk", flat=True))
    if questionnaire.audience == Audience.PROFESSIONALS:
        return {
            ("professional", pk)
            for pk in Professional.objects.filter(
                organisation__in=organisations, user__is_active=True
            ).values_list("pk", flat=True)
        }
    return {
        ("household", pk)
        for pk in Involvement.objects.filter(
            is_lead=True, organisation__in=organisations, household__closed_at__isnull=True
        )
        .values_list("household_id", flat=True)
        .distinct()
    }


def _invitation(questionnaire: Questionnaire, key: tuple[str, uuid.UUID]) -> Invitation:
    kind, pk = key
    if kind == "professional":
        return Invitation(questionnaire=questionnaire, professional_id=pk)
    return Invitation(questionnaire=questionnaire, household_id=pk)


@transaction.atomic
def questionnaire_send(*, by: Professional, questionnaire: Questionnaire) -> int:
    _require_builder(by)
    if questionnaire.status != Status.DRAFT:
        raise DomainError(_("Deze vragenlijst is al verstuurd."), code="conflict")
    invitations = [_invitation(questionnaire, key) for key in _addressees(questionnaire)]
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


def unanswered_invitation(token: uuid.UUID | str) -> Invitation | None:
    """The invitation of an answer link, while it has not been answered (open or closed)."""
    invitation = Invitation.objects.filter(token=token).select_related("questionnaire").first()
    if invitation is None or invitation.answered:
        return None
    return invitation


def is_open(questionnaire: Questionnaire) -> bool:
    """Answers are accepted: sent, not closed, and its closing day not passed."""
    return questionnaire.status == Status.OPEN and questionnaire.closes_on >= timezone.localdate()


def open_invitation(token: uuid.UUID | str) -> Invitation | None:
    invitation = unanswered_invitation(token)
    if invitation is None or not is_open(invitation.questionnaire):
        return None
    return invitation


@transaction.atomic
def response_submit(
    *, invitation: Invitation, choices: dict[str, str], open_answer: str = ""
) -> None:
    """Store the answers without the invitation; mark the invitation answered. Once only."""
    # The questionnaire first (as a change or a close locks it), then the invitation.
    questionnaire = Questionnaire.objects.select_for_update().get(pk=invitation.questionnaire_id)
    if not is_open(questionnaire):
        raise DomainError(
            _("Deze vragenlijst is gesloten; er kunnen geen antwoorden meer bij."), code="conflict"
        )
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


def _require_manager(by: Professional, questionnaire: Questionnaire) -> None:
    _require_builder(by)
    if not access.may_manage_questionnaire(by, questionnaire):
        raise DomainError(_("U mag deze vragenlijst niet wijzigen."), code="forbidden")


def edit_refusal(questionnaire: Questionnaire) -> str | None:
    """Why the questionnaire can no longer be changed, or None while it can: once someone
    answered, a change would mix answers to different questions."""
    if questionnaire.status == Status.CLOSED:
        return _("Deze vragenlijst is gesloten. U kunt hem niet meer wijzigen.")
    if Response.objects.filter(questionnaire=questionnaire).exists():
        return _(
            "Op deze vragenlijst is al geantwoord. U kunt hem niet meer wijzigen; "
            "sluit hem en maak zo nodig een nieuwe."
        )
    return None


@transaction.atomic
def questionnaire_update(
    *,
    by: Professional,
    questionnaire: Questionnaire,
    title: str | None = None,
    audience: str | None = None,
    organisations: Sequence[Organisation] | None = None,
    closed_questions: Sequence[str] | None = None,
    open_question: str | None = None,
    closes_on: datetime.date | None = None,
) -> Questionnaire:
    """Change the title, the questions or who is asked, only while nobody answered. What is
    not given stays. Of a sent questionnaire, whoever is newly asked gets the link; whoever is
    no longer asked loses theirs."""
    _require_manager(by, questionnaire)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    refusal = edit_refusal(questionnaire)
    if refusal is not None:
        raise DomainError(refusal, code="conflict")
    questions = list(questionnaire.questions.all())
    if closed_questions is None:
        closed_questions = [q.text for q in questions if q.kind == QuestionKind.CLOSED]
    if open_question is None:
        open_question = next((q.text for q in questions if q.kind == QuestionKind.OPEN), "")
    new_title, closed, chosen = _validated(
        by=by,
        title=questionnaire.title if title is None else title,
        audience=questionnaire.audience if audience is None else audience,
        organisations=(
            list(questionnaire.organisations.all()) if organisations is None else organisations
        ),
        closed_questions=closed_questions,
        open_question=open_question,
        closes_on=questionnaire.closes_on if closes_on is None else closes_on,
    )
    questionnaire.title = new_title
    if audience is not None:
        questionnaire.audience = audience
    if closes_on is not None:
        questionnaire.closes_on = closes_on
    questionnaire.save(update_fields=["title", "audience", "closes_on"])
    if organisations is not None:
        questionnaire.organisations.set(chosen)
    if closed != [q.text for q in questions if q.kind == QuestionKind.CLOSED] or (
        open_question.strip()
        != next((q.text for q in questions if q.kind == QuestionKind.OPEN), "")
    ):
        Question.objects.filter(questionnaire=questionnaire).delete()
        _set_questions(questionnaire, closed, open_question.strip())
    if questionnaire.status == Status.OPEN:
        _reinvite(questionnaire)
    audit.record(
        user=by.user,
        action="questionnaire.updated",
        object_type="questionnaire",
        object_id=questionnaire.pk,
    )
    return questionnaire


def _reinvite(questionnaire: Questionnaire) -> None:
    """After a change of a sent questionnaire: invitations for who is asked now, no others."""
    wanted = _addressees(questionnaire)
    have: dict[tuple[str, uuid.UUID], uuid.UUID] = {}
    for pk, professional, household in Invitation.objects.filter(
        questionnaire=questionnaire
    ).values_list("pk", "professional_id", "household_id"):
        have[("professional", professional) if professional else ("household", household)] = pk
    gone = [pk for key, pk in have.items() if key not in wanted]
    if gone:
        Invitation.objects.filter(pk__in=gone).delete()
    new = [_invitation(questionnaire, key) for key in wanted if key not in have]
    if new:
        Invitation.objects.bulk_create(new)
        for invitation in Invitation.objects.filter(pk__in=[i.pk for i in new]).select_related(
            "questionnaire", "professional__user"
        ):
            _tell(invitation, reminder=False)


@transaction.atomic
def questionnaire_close(*, by: Professional, questionnaire: Questionnaire) -> Questionnaire:
    """No more answers, no more reminders; the answer links say it is closed."""
    _require_manager(by, questionnaire)
    questionnaire = Questionnaire.objects.select_for_update().get(pk=questionnaire.pk)
    if questionnaire.status == Status.CLOSED:
        raise DomainError(_("Deze vragenlijst is al gesloten."), code="conflict")
    questionnaire.status = Status.CLOSED
    questionnaire.save(update_fields=["status"])
    audit.record(
        user=by.user,
        action="questionnaire.closed",
        object_type="questionnaire",
        object_id=questionnaire.pk,
    )
    return questionnaire
