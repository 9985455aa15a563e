"""Helpers shared by the two halves of the demo history."""

import datetime
import random

from django.utils import timezone


def pick(rng: random.Random, mix):
    return rng.choices([v for v, _w in mix], weights=[w for _v, w in mix])[0]


def moment(day: datetime.date, rng: random.Random) -> datetime.datetime:
    return timezone.make_aware(
        datetime.datetime.combine(day, datetime.time(rng.randint(8, 17), rng.randint(0, 59)))
    )
