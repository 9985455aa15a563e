"""Results of questionnaires: tallies per closed question, and the open answers, only when at
least the monitor's threshold of responses came in (otherwise one answer could be recognised).
Open answers are sorted alphabetically, so their order says nothing about who or when."""

from dataclasses import dataclass

from django.db.models import Count, Q

from ketenkaart.monitor.selectors import threshold
from ketenkaart.questionnaires.models import Answer, Choice, QuestionKind, Questionnaire


@dataclass
class QuestionResult:
    question: object
    counts: dict[str, int] | None  # choice -> count; None when suppressed or open
    answers: list[str] | None  # open answers; None when suppressed or closed


@dataclass
class Result:
    questionnaire: Questionnaire
    responses: int
    invited: int
    suppressed: bool
    questions: list[QuestionResult]


def results(questionnaires) -> list[Result]:
    """Results of several questionnaires in a fixed number of queries."""
    items = list(
        questionnaires.annotate(
            response_count=Count("responses", distinct=True),
            invited_count=Count("invitations", distinct=True),
        ).prefetch_related("questions")
    )
    minimum = threshold()
    shown = [q.pk for q in items if q.response_count >= minimum]
    tallies: dict = {}
    for question, choice, n in (
        Answer.objects.filter(question__questionnaire__in=shown, question__kind=QuestionKind.CLOSED)
        .values_list("question_id", "choice")
        .annotate(n=Count("id"))
        .order_by()
    ):
        tallies.setdefault(question, dict.fromkeys(Choice.values, 0))[choice] = n
    texts: dict = {}
    for question, text in (
        Answer.objects.filter(question__questionnaire__in=shown, question__kind=QuestionKind.OPEN)
        .filter(~Q(text=""))
        .values_list("question_id", "text")
        .order_by("text")
    ):
        texts.setdefault(question, []).append(text)
    out = []
    for q in items:
        hide = q.response_count < minimum
        out.append(
            Result(
                questionnaire=q,
                responses=q.response_count,
                invited=q.invited_count,
                suppressed=hide,
                questions=[
                    QuestionResult(
                        question,
                        None
                        if hide or question.kind == QuestionKind.OPEN
                        else tallies.get(question.pk, dict.fromkeys(Choice.values, 0)),
                        None
                        if hide or question.kind == QuestionKind.CLOSED
                        else texts.get(question.pk, []),
                    )
                    for question in q.questions.all()
                ],
            )
        )
    return out
