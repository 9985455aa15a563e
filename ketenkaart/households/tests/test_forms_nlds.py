"""Forms the NL Design System way (issue 13): no red before anyone typed (no browser
`required`), checkboxes drawn as checkboxes, the duplicate-BSN message on the BSN field, the
error summary focusable and focused by a script the CSP allows."""

from django.urls import reverse

from ketenkaart.households.models import Member, MemberRole
from ketenkaart.reports.forms import AssessmentForm


def test_an_empty_form_marks_nothing_invalid_before_a_submit(client, involved, household):
    client.force_login(involved.user)
    html = client.get(
        reverse("households:member_add", kwargs={"household_id": household.pk})
    ).content.decode()
    assert " required" not in html
    assert 'aria-invalid="true"' not in html
    assert "kk-error-summary" not in html


def test_after_a_submit_the_error_is_on_its_field_and_the_summary_takes_focus(
    client, involved, household
):
    client.force_login(involved.user)
    html = client.post(
        reverse("households:member_add", kwargs={"household_id": household.pk}), {"given_names": ""}
    ).content.decode()
    assert 'aria-invalid="true"' in html
    assert 'class="utrecht-alert utrecht-alert--error kk-error-summary"' in html
    assert 'tabindex="-1"' in html
    assert "ketenkaart/forms.js" in html
    assert "<script>" not in html  # no inline script: the CSP allows 'self' only


def test_checkboxes_are_drawn_as_checkboxes():
    html = str(AssessmentForm(region_id=None)["investigation_reasons"])
    assert "utrecht-checkbox" in html
    assert "utrecht-radio-button" not in html


def test_a_duplicate_member_by_bsn_is_named_on_the_bsn_field(client, involved, household, child):
    client.force_login(involved.user)
    members = Member.objects.count()
    response = client.post(
        reverse("households:member_add", kwargs={"household_id": household.pk}),
        {
            "given_names": child.given_names,
            "surname": child.surname,
            "bsn": child.bsn,
            "role": MemberRole.CHILD,
        },
    )
    html = response.content.decode()
    error = html[html.index('id="id_bsn_error"') :][:300]
    assert "Iemand met dit BSN is al lid van dit gezin." in error
    assert 'id="id_surname_error"' not in html
    assert Member.objects.count() == members
