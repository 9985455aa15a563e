import datetime

import pytest

from ketenkaart.api.tests.conftest import Api
from ketenkaart.buffers import services
from ketenkaart.households.models import MemberRole


@pytest.fixture
def parent(household):
    return household.members.get(role=MemberRole.PARENT).person


def observe(by, household, parent, *, view="parent", area="network", footing="growing", **kw):
    return services.buffer_observation_record(
        by=by,
        household=household,
        parent_id=parent.pk,
        view=view,
        area=area,
        footing=footing,
        words=kw.pop("words", "Oma haalt de kinderen op woensdag op."),
        observed_on=kw.pop("observed_on", datetime.date(2026, 11, 2)),
    )


def moment(by, household, *, occurred_on=datetime.date(2026, 11, 2), **kw):
    return services.good_moment_record(
        by=by,
        household=household,
        what=kw.pop("what", "Huiswerk gemaakt zonder ruzie."),
        noticed_by=kw.pop("noticed_by", "moeder zelf"),
        occurred_on=occurred_on,
        **kw,
    )


@pytest.fixture
def api():
    def make(professional=None):
        return Api(professional.user if professional is not None else None)

    return make
