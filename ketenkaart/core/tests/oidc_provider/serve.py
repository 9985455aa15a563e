"""Start the test OpenID Connect provider: `python -m ketenkaart.core.tests.oidc_provider.serve
CLIENT_ID CLIENT_SECRET REDIRECT_URI USERNAME[:BSN] PASSWORD [USERNAME PASSWORD ...]`. Prints its port when it serves, on
127.0.0.1 only, and stops when its standard input closes."""

import os
import sys
import tempfile
import threading
from wsgiref.simple_server import WSGIRequestHandler, make_server

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format, *args):
        pass


def main() -> None:
    client_id, client_secret, redirect_uri, *accounts = sys.argv[1:]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    os.environ["OIDC_PROVIDER_KEY"] = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()
    folder = tempfile.mkdtemp(prefix="oidc-provider-")
    os.environ["OIDC_PROVIDER_DB"] = os.path.join(folder, "provider.sqlite3")
    os.environ["DJANGO_SETTINGS_MODULE"] = "ketenkaart.core.tests.oidc_provider.settings"

    import django

    django.setup()
    from django.contrib.auth import get_user_model
    from django.core.management import call_command
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    # USERNAME may be "name:BSN": the provider then issues that (synthetic) BSN as claim "bsn".
    users = [
        get_user_model().objects.create_user(
            username=name.partition(":")[0], password=secret, last_name=name.partition(":")[2]
        )
        for name, secret in zip(accounts[::2], accounts[1::2], strict=True)
    ]
    Application.objects.create(
        name="Ketenkaart",
        user=users[0],
        client_id=client_id,
        client_secret=client_secret,
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=redirect_uri,
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
    )
    server = make_server("127.0.0.1", 0, get_wsgi_application(), handler_class=QuietHandler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(server.server_port, flush=True)
    sys.stdin.read()  # until the test closes it
    server.shutdown()


if __name__ == "__main__":
    main()
