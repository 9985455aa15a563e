"""Prometheus metrics of Ketenkaart itself, read from the database at each scrape: the last run
of every scheduled job and how far the audit sealer is behind. The request metrics per view
(rate, latency, errors) come from django-prometheus's middleware. Labels are job names and
views, never people."""

import os

from django.db import DatabaseError
from django.utils import timezone
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector

from ketenkaart.audit.models import AccessEvent, SealEntry

OWN = CollectorRegistry(auto_describe=False)


def audit_seal_lag() -> tuple[float, int]:
    """Seconds since the oldest row the sealer has not reached yet (0 when it is up to date),
    and how many rows wait. Rows after the highest sealed id: an index range, not a scan of the
    log (rows of a transaction that committed late are not counted)."""
    last = SealEntry.objects.order_by("-position").values_list("event_id", flat=True).first()
    waiting = AccessEvent.objects.filter(pk__gt=last or 0)
    oldest = waiting.order_by("pk").values_list("occurred_at", flat=True).first()
    if oldest is None:
        return 0.0, 0
    return max((timezone.now() - oldest).total_seconds(), 0.0), waiting.count()


class KetenkaartCollector(Collector):
    def collect(self):
        from ketenkaart.worker.services import status

        last_run = GaugeMetricFamily(
            "ketenkaart_job_last_run_timestamp_seconds",
            "When the job last started (Unix time).",
            labels=["job"],
        )
        last_success = GaugeMetricFamily(
            "ketenkaart_job_last_run_success",
            "1 when the job's last run succeeded, 0 when it failed.",
            labels=["job"],
        )
        last_failure = GaugeMetricFamily(
            "ketenkaart_job_last_failure_timestamp_seconds",
            "When the job last failed (Unix time).",
            labels=["job"],
        )
        lag = GaugeMetricFamily(
            "ketenkaart_audit_seal_lag_seconds",
            "Age of the oldest audit row not yet sealed (0 when none waits).",
        )
        waiting = GaugeMetricFamily(
            "ketenkaart_audit_unsealed_rows", "Audit rows waiting for the sealer."
        )
        try:
            jobs = status()
            seconds, count = audit_seal_lag()
        except DatabaseError:
            return
        for row in jobs:
            if row.last_started:
                last_run.add_metric([row.job.name], row.last_started.timestamp())
                last_success.add_metric([row.job.name], 1.0 if row.last_success else 0.0)
            if row.last_failure:
                last_failure.add_metric([row.job.name], row.last_failure.timestamp())
        lag.add_metric([], seconds)
        waiting.add_metric([], count)
        yield from (last_run, last_success, last_failure, lag, waiting)


_collector = KetenkaartCollector()


def register() -> None:
    if _collector not in OWN._collector_to_names:
        OWN.register(_collector)


def exposition() -> bytes:
    """The text format: the process (or, with PROMETHEUS_MULTIPROC_DIR under gunicorn, every
    worker process) plus our own gauges."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        base = CollectorRegistry()
        MultiProcessCollector(base)
    else:
        base = REGISTRY
    return generate_latest(base) + generate_latest(OWN)
