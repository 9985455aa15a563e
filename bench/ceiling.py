"""The ceiling every bar is a ratio to: a bare Django project on the same database and server.

    python bench/ceiling.py setup          # a table of 1,000,000 rows (id primary key), ANALYZEd
    gunicorn --chdir bench ceiling:application

/bare answers a small JSON document without touching the database; /pk/<n> does one
primary-key SELECT on the 1M-row table. No sessions, no auth, no middleware: the most one
Django request can do on this machine.
"""

import os
import sys
from urllib.parse import urlsplit

from django.conf import settings

url = urlsplit(os.environ["DATABASE_URL"])
settings.configure(
    DEBUG=False,
    SECRET_KEY="bench-ceiling-not-secret",  # noqa: S106 (signs nothing)
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
    DATABASES={
        "default": {
            "ENGINE": "django.db.backends.postgresql",
            "NAME": url.path.lstrip("/"),
            "USER": url.username or "",
            "PASSWORD": url.password or "",
            "HOST": url.hostname or "",
            "PORT": str(url.port or ""),
            "CONN_MAX_AGE": 600,
        }
    },
)

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.http import Http404, JsonResponse  # noqa: E402
from django.urls import path  # noqa: E402


def bare(request):
    return JsonResponse({"ok": True})


def primary_key(request, n: int):
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, label FROM bench_ceiling WHERE id = %s", [n])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    return JsonResponse({"id": row[0], "label": row[1]})


urlpatterns = [path("bare", bare), path("pk/<int:n>", primary_key)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()

if __name__ == "__main__" and sys.argv[1:] == ["setup"]:
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS bench_ceiling")
        cursor.execute("CREATE TABLE bench_ceiling (id bigint PRIMARY KEY, label text NOT NULL)")
        cursor.execute(
            "INSERT INTO bench_ceiling SELECT n, md5(n::text) FROM generate_series(1, 1000000) n"
        )
        cursor.execute("ANALYZE bench_ceiling")
    print("ceiling: 1,000,000 rows")
