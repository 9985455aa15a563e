"""Workflows of M3: the meldcode trail, advies and melding, police zorgmeldingen, the
veiligheidsbeoordeling and its outcomes, the investigation, feedback and joint visits.
Each runs in one transaction and writes its audit event there.

One module per workflow; this package re-exports their names so that
``services.report_create(...)`` and ``from ketenkaart.reports.services import X`` keep working."""

from ketenkaart.reports.services.advice import (
    advice_answer,
    advice_convert,
    advice_request,
)
from ketenkaart.reports.services.assessment import (
    assessment_record,
    conditions_to_safety_map,
    investigation_complete,
)
from ketenkaart.reports.services.common import (
    ASSESSMENT_WORKING_DAYS,
    INVESTIGATION_NORM,
    MAX_TEXT,
)
from ketenkaart.reports.services.deadlines import (
    assessment_deadline,
    deadlines_recompute,
)
from ketenkaart.reports.services.followup import (
    feedback_give,
    joint_visit_plan,
    joint_visit_record,
)
from ketenkaart.reports.services.police import (
    Receipt,
    police_messages_receive,
)
from ketenkaart.reports.services.reports import (
    is_phone_number,
    report_create,
    report_household_create,
    report_household_link,
    report_mark_acute,
    report_promise_anonymity,
    report_withdraw_anonymity,
)
from ketenkaart.reports.services.trails import (
    trail_answer,
    trail_next_question,
    trail_record_steps,
    trail_restart,
    trail_start,
    trail_stop,
)

__all__ = [
    "ASSESSMENT_WORKING_DAYS",
    "INVESTIGATION_NORM",
    "MAX_TEXT",
    "Receipt",
    "advice_answer",
    "advice_convert",
    "advice_request",
    "assessment_deadline",
    "assessment_record",
    "conditions_to_safety_map",
    "deadlines_recompute",
    "feedback_give",
    "investigation_complete",
    "is_phone_number",
    "joint_visit_plan",
    "joint_visit_record",
    "police_messages_receive",
    "report_create",
    "report_household_create",
    "report_household_link",
    "report_mark_acute",
    "report_promise_anonymity",
    "report_withdraw_anonymity",
    "trail_answer",
    "trail_next_question",
    "trail_record_steps",
    "trail_restart",
    "trail_start",
    "trail_stop",
]
