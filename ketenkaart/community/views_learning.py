"""The leerwerkgemeenschap pages: readable by its members only (others 404, audited)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from ketenkaart.access import community as access
from ketenkaart.access import gate
from ketenkaart.audit import services as audit
from ketenkaart.community import forms, learning, selectors
from ketenkaart.core.errors import DomainError


@login_required
@require_GET
def communities(request):
    gate.require_professional(request)
    audit.record(
        user=request.user,
        action="learning_community.list",
        object_type="learning_community",
        request=request,
    )
    rows = access.visible_learning_communities(request.user).select_related(
        "district__municipality"
    )
    return render(request, "community/learning_list.html", {"communities": list(rows)})


@login_required
@require_GET
def community(request, community_id):
    item = access.access_learning_community(request, community_id)
    return render(
        request,
        "community/learning_detail.html",
        {"community": item, **selectors.learning_community(item)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def session_add(request, community_id):
    post = request.method == "POST"
    item = access.access_learning_community(
        request,
        community_id,
        action="learning_session.record" if post else "learning_community.read",
    )
    members = item.members.select_related("user", "organisation").order_by("user__last_name")
    form = forms.LearningSessionForm(
        request.POST if post else None,
        members=members,
        initial={"held_on": timezone.localdate()},
    )
    if post and form.is_valid():
        data = form.cleaned_data
        try:
            learning.learning_session_record(
                by=gate.require_professional(request),
                community=item,
                held_on=data["held_on"],
                theory=data["theory"],
                notes=data["notes"],
                attendees=list(data["attendees"]),
                cases=form.cases(),
            )
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("De bijeenkomst is vastgelegd."))
            return redirect("community:learning_community", community_id=item.pk)
    return render(
        request, "community/learning_session_form.html", {"community": item, "form": form}
    )
