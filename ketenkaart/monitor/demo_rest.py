"""The demo history's second half (see demo.py): the ventieltafel, buffers, good moments,
consults and a questionnaire to professionals. Bulk, synthetic, idempotent through demo.py."""

import datetime
from decimal import Decimal

from ketenkaart.buffers.models import Area, BufferObservation, Footing, GoodMoment, View
from ketenkaart.community.models import Consult, ConsultStatus
from ketenkaart.core.calendar import add_working_days
from ketenkaart.exemptions import services as exemption_services
from ketenkaart.exemptions.models import CostBenefit, Decision, Domain, ExemptionRequest, Status
from ketenkaart.exemptions.models import Outcome as TableOutcome
from ketenkaart.monitor.demo_common import moment as _moment
from ketenkaart.monitor.demo_common import pick as _pick
from ketenkaart.questionnaires.models import (
    Answer,
    Audience,
    Invitation,
    Question,
    QuestionKind,
    Questionnaire,
    Response,
)
from ketenkaart.questionnaires.models import Status as QuestionnaireStatus


class MoreHistory:
    """Mixed into demo.History: uses its rng, demo, region, weeks, first, today, households,
    parents, colleagues, table_member and reporter."""

    # -- the ventieltafel ------------------------------------------------------------------

    def table(self) -> None:
        rng = self.rng
        requests, decisions, analyses = [], [], []
        tables = {m: exemption_services.table_for(m) for m in self.demo.municipalities.values()}
        number = 0
        for week in range(self.weeks):
            monday = self.first + datetime.timedelta(weeks=week)
            for _n in range(rng.randint(3, 6)):
                household = rng.choice(self.households)
                number += 1
                asked = _moment(monday + datetime.timedelta(days=rng.randint(0, 4)), rng)
                request = ExemptionRequest(
                    table=tables[household.municipality],
                    household=household,
                    region=self.region,
                    municipality=household.municipality,
                    pseudonym=f"H-{number:04d}",
                    asked_by=self.colleagues[0],
                    asked_at=asked,
                    deadline=add_working_days(asked.date(), 10),
                    domain=_pick(
                        rng,
                        [
                            (Domain.HOUSING, 35),
                            (Domain.DEBTS, 25),
                            (Domain.PUPIL_TRANSPORT, 15),
                            (Domain.INCOME, 10),
                            (Domain.CARE, 10),
                            (Domain.OTHER, 5),
                        ],
                    ),
                    bottleneck="Synthetisch knelpunt.",
                    rule="Synthetische regel",
                    rule_key="synthetische regel",
                    legal_basis="Synthetische grondslag",
                    risks="Synthetisch.",
                    alternatives="Synthetisch.",
                    exception_asked="Synthetisch.",
                )
                decided = asked + datetime.timedelta(days=rng.randint(5, 14))
                if decided.date() < self.today:
                    request.status = Status.DECIDED
                    outcome = _pick(
                        rng,
                        [
                            (TableOutcome.GRANTED, 60),
                            (TableOutcome.GRANTED_WITH_CONDITIONS, 20),
                            (TableOutcome.REFUSED, 20),
                        ],
                    )
                    decisions.append(
                        Decision(
                            request=request,
                            outcome=outcome,
                            reasoning="Synthetisch besluit.",
                            conditions="Synthetische voorwaarde."
                            if outcome == TableOutcome.GRANTED_WITH_CONDITIONS
                            else "",
                            decided_by=self.table_member,
                            decided_at=decided,
                        )
                    )
                    saving = Decimal(rng.randint(20, 200) * 100)
                    analyses.append(
                        CostBenefit(
                            request=request,
                            horizon_months=12,
                            cost_muddling_on=saving + 5000,
                            cost_breaking_through=Decimal(5000),
                            saving=saving,
                            updated_by=self.colleagues[0],
                            updated_at=asked,
                        )
                    )
                requests.append(request)
        ExemptionRequest.objects.bulk_create(requests)
        Decision.objects.bulk_create(decisions)
        CostBenefit.objects.bulk_create(analyses)

    # -- buffers, good moments, consults -------------------------------------------------

    def community(self) -> None:
        rng = self.rng
        moments, consults, observations = [], [], []
        districts = list(self.demo.districts.values())
        asker = self.reporter
        for week in range(self.weeks):
            monday = self.first + datetime.timedelta(weeks=week)
            share = self.progress(monday)
            for _n in range(rng.randint(8, 14) + int(8 * share)):
                household = rng.choice(self.households)
                moments.append(
                    GoodMoment(
                        household=household,
                        what="Synthetisch goed moment.",
                        noticed_by="ouder",
                        occurred_on=min(
                            self.today, monday + datetime.timedelta(days=rng.randint(0, 6))
                        ),
                        recorded_by=self.colleagues[0],
                        recorded_at=_moment(monday, rng),
                    )
                )
            for _n in range(rng.randint(3, 6)):
                consults.append(
                    Consult(
                        district=rng.choice(districts),
                        asked_by=asker,
                        contact=self.colleagues[0],
                        question="Synthetische vraag van een bezorgde professional.",
                        status=ConsultStatus.ANSWERED,
                        created_at=_moment(
                            monday + datetime.timedelta(days=rng.randint(0, 4)), rng
                        ),
                    )
                )
        areas = [Area.SOLIDARY_COMMUNITY, Area.NETWORK, Area.META_POSITION]
        for member in self.parents:
            day = self.first + datetime.timedelta(days=rng.randint(0, 60))
            rank = {area: rng.randint(0, 1) for area in areas}
            while day < self.today:
                for area in rng.sample(areas, 2):
                    if rng.random() < 0.45:
                        rank[area] = min(2, rank[area] + 1)
                    elif rng.random() < 0.1:
                        rank[area] = max(0, rank[area] - 1)
                    observations.append(
                        BufferObservation(
                            household=member.household,
                            parent=member.person,
                            view=View.PARENT,
                            area=area,
                            footing=(Footing.NEEDS_SUPPORT, Footing.GROWING, Footing.CARRIES)[
                                rank[area]
                            ],
                            words="Synthetisch, in de woorden van de ouder.",
                            observed_on=day,
                            recorded_by=self.colleagues[0],
                            recorded_at=_moment(day, rng),
                        )
                    )
                day += datetime.timedelta(days=rng.randint(28, 56))
        GoodMoment.objects.bulk_create(moments)
        Consult.objects.bulk_create([c for c in consults if c.created_at.date() < self.today])
        BufferObservation.objects.bulk_create(observations)

    # -- a questionnaire to professionals ---------------------------------------------------

    def questionnaire(self) -> None:
        rng = self.rng
        questionnaire = Questionnaire.objects.create(
            region=self.region,
            title="Samenwerking in de wijk (doorlopend)",
            audience=Audience.PROFESSIONALS,
            status=QuestionnaireStatus.OPEN,
            closes_on=self.today + datetime.timedelta(days=60),
            created_by=self.demo.professionals["beleid"],
            created_at=_moment(self.first, rng),
            sent_at=_moment(self.first, rng),
        )
        questionnaire.organisations.set([p.organisation for p in self.colleagues])
        texts = [
            "Raakt u sneller en makkelijker in gesprek met ouders?",
            "Weet u wie u kunt bellen?",
        ]
        questions = [
            Question(questionnaire=questionnaire, position=i, text=t, kind=QuestionKind.CLOSED)
            for i, t in enumerate(texts, start=1)
        ]
        questions.append(
            Question(
                questionnaire=questionnaire,
                position=3,
                text="Wat zou het samenwerken makkelijker maken?",
                kind=QuestionKind.OPEN,
            )
        )
        Question.objects.bulk_create(questions)
        responses, answers = [], []
        for week in range(self.weeks):
            monday = self.first + datetime.timedelta(weeks=week)
            share = self.progress(monday)
            for _n in range(rng.randint(3, 6)):
                response = Response(
                    questionnaire=questionnaire,
                    submitted_on=min(
                        self.today, monday + datetime.timedelta(days=rng.randint(0, 4))
                    ),
                )
                responses.append(response)
                for question in questions[:2]:
                    roll = rng.random()
                    choice = (
                        "ja" if roll < 0.45 + 0.3 * share else ("deels" if roll < 0.85 else "nee")
                    )
                    answers.append(Answer(response=response, question=question, choice=choice))
        Response.objects.bulk_create(responses)
        Answer.objects.bulk_create(answers)
        Invitation.objects.bulk_create(
            [
                Invitation(
                    questionnaire=questionnaire,
                    professional=self.colleagues[i % len(self.colleagues)],
                    answered=i < len(responses),
                )
                for i in range(int(len(responses) * 1.2))
            ]
        )
