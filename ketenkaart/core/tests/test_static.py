"""Outside production WhiteNoise finds a static file in its app when it is asked for
(settings.WHITENOISE_AUTOREFRESH): the demo and the tests serve the file as it is on disk."""

from pathlib import Path

import ketenkaart

APP_FILE = Path(ketenkaart.__file__).parent / "buffers" / "static" / "buffers" / "buffers.css"


def test_a_static_file_is_served_from_its_app(client):
    response = client.get("/static/buffers/buffers.css")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/css")
    assert b"".join(response.streaming_content) == APP_FILE.read_bytes()


def test_a_missing_static_file_is_not_found(client, db):
    assert client.get("/static/buffers/bestaat-niet.css").status_code == 404
