#!/usr/bin/env python3
"""A client of the Ketenkaart API, written from docs/api.md alone, using only the standard
library. It does the main flows end to end:

1. who am I (`GET /ik`), and the municipalities of my region (`GET /gemeenten`);
2. search before create (`POST /personen/zoeken`), create a family (`POST /gezinnen`) and add
   its members (`POST /gezinnen/{id}/leden`);
3. the veiligheidskaart: `GET` with its ETag, then `PUT` the same body back with one change,
   with `If-Match` (a stale ETag answers 412);
4. hand over regie to a colleague found in the directory (`GET /professionals`): ask them
   (`POST /gezinnen/{id}/regie/verzoeken`; `GET /gezinnen/{id}/regie` links to the open
   request), then the colleague accepts with their own token
   (`POST /regie-verzoeken/{verzoek}/aanvaarding`); only then does regie move;
5. as the police system: send a zorgmelding (`POST /meldingen`) with the police's own
   registration time; sent again, it is the same melding (200).

Run it against a running instance (tokens from `ketenkaart token create --user NAME`):

    KETENKAART_URL=http://127.0.0.1:8000/api/v1 \\
    KETENKAART_TOKEN=<token of a wijkcoach> \\
    KETENKAART_RECEIVER_TOKEN=<token of a colleague in the same local team> \\
    KETENKAART_POLICE_TOKEN=<token of the police system account> \\
    python docs/examples/client.py

The test suite runs this file against a live test server (tests/api_conformance).
"""

import datetime
import json
import os
import sys
import urllib.error
import urllib.parse
import urllib.request
import uuid


class ApiError(Exception):
    """A problem+json answer: status, detail and every invalid field by name."""

    def __init__(self, status: int, problem: dict):
        self.status = status
        self.problem = problem
        fields = ", ".join(
            f"{p['name']}: {p['reason']}" for p in problem.get("invalidParams") or []
        )
        super().__init__(f"{status} {problem.get('detail', '')} {fields}".strip())


class Client:
    def __init__(self, base_url: str, token: str):
        if urllib.parse.urlsplit(base_url).scheme not in ("http", "https"):
            raise SystemExit("KETENKAART_URL begint met http:// of https://")
        self.base_url = base_url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body=None, headers=None, query=None):
        """One request; the JSON body and the response headers, or ApiError."""
        url = self.base_url + path
        if query:
            url += "?" + urllib.parse.urlencode(query)
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(url, data=data, method=method)  # noqa: S310 (http(s))
        request.add_header("Authorization", f"Bearer {self.token}")
        request.add_header("Accept", "application/json")
        request.add_header("X-Request-ID", str(uuid.uuid4()))  # to quote to functioneel beheer
        if data is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310
                raw = response.read()
                return (json.loads(raw) if raw else None), response.headers, response.status
        except urllib.error.HTTPError as error:
            raw = error.read()
            raise ApiError(error.code, json.loads(raw) if raw else {}) from None

    def get(self, path, **query):
        return self.call("GET", path, query=query)[0]

    def post(self, path, body):
        return self.call("POST", path, body)[0]

    def all(self, path, **query):
        """Every item of a collection: each list answers {aantal, volgende, vorige, resultaten}."""
        page = 1
        while True:
            envelope = self.get(path, pagina=page, paginaGrootte=200, **query)
            yield from envelope["resultaten"]
            if not envelope["volgende"]:
                return
            page += 1


def step(text: str) -> None:
    print(f"- {text}", flush=True)


def create_family(api: Client) -> str:
    me = api.get("/ik")
    step(f"ik: {me['naam']} ({me['rol']}), {me['organisatie']}, regio {me['regio']}")
    municipality = next(api.all("/gemeenten"))
    surname = f"Voorbeeld-{uuid.uuid4().hex[:6]}"  # synthetic: never a real name
    child = {
        "voornamen": "Noa",
        "achternaam": surname,
        "geboortedatum": "2017-04-12",
        "rol": "kind",
    }
    found = api.post(
        "/personen/zoeken", {"achternaam": surname, "geboortedatum": child["geboortedatum"]}
    )
    step(f"zoeken voor aanmaken: {len(found['resultaten'])} gezin(nen) gevonden")
    family = api.post(
        "/gezinnen",
        {"naam": f"Gezin {surname}", "gemeente": municipality["id"], "rolBijGezin": "Wijkcoach"},
    )
    api.post(f"/gezinnen/{family['id']}/leden", child)
    api.post(
        f"/gezinnen/{family['id']}/leden",
        {"voornamen": "Sam", "achternaam": surname, "rol": "ouder", "heeftGezag": True},
    )
    members = list(api.all(f"/gezinnen/{family['id']}/leden"))
    step(f"gezin {family['id']} in {municipality['naam']}, {len(members)} leden")
    return family["id"]


def update_map(api: Client, family: str, me: dict) -> int:
    path = f"/gezinnen/{family}/veiligheidskaart"
    current, headers, _status = api.call("GET", path)
    etag = headers["ETag"]
    step(f"veiligheidskaart versie {current['versie']}, ETag {etag}")
    # What GET returns is what PUT takes: change what you mean to change, send the rest back.
    body = dict(current)
    body["inhoud"] = {
        **current["inhoud"],
        "woordenVanHetGezin": "We willen rust in huis.",
        "watGaatGoed": [*current["inhoud"]["watGaatGoed"], "Oma brengt Noa naar school."],
        "zorgen": [{"watGebeurde": "Harde ruzies 's avonds.", "gevolg": "Noa slaapt slecht."}],
    }
    body["schalen"] = [
        {
            "deelnemer": {"soort": "professional", "id": me["id"]},
            "score": 5,
            "reden": "Eerste gesprek.",
        }
    ]
    saved, headers, _status = api.call("PUT", path, body, headers={"If-Match": etag})
    step(f"veiligheidskaart opgeslagen als versie {saved['versie']} (ETag {headers['ETag']})")
    try:
        api.call("PUT", path, body, headers={"If-Match": etag})
    except ApiError as error:
        assert error.status == 412, error
        step("nogmaals met de oude ETag: 412, niets opgeslagen")
    again, _headers, _status = api.call("PUT", path, saved, headers={"If-Match": headers["ETag"]})
    assert again["inhoud"] == saved["inhoud"], "GET/PUT round trip changed the content"
    step(f"ongewijzigd teruggestuurd: versie {again['versie']}, dezelfde inhoud")
    return again["versie"]


def hand_over(api: Client, receiver: Client, family: str, me: dict) -> str:
    """Regie moves only when the receiver accepts: ask, then accept with the receiver's token."""
    them = receiver.get("/ik")
    colleagues = [
        p for p in api.all("/professionals", organisatie=me["organisatieId"]) if p["id"] != me["id"]
    ]
    if them["id"] not in {p["id"] for p in colleagues}:
        raise SystemExit("De collega van KETENKAART_RECEIVER_TOKEN staat niet in de gids.")
    offer, headers, status = api.call(
        "POST",
        f"/gezinnen/{family}/regie/verzoeken",
        {"regisseur": them["id"], "reden": "Verhuizing naar een andere wijk."},
    )
    assert status == 201 and offer["stand"] == "wacht", (status, offer)
    regie = api.get(f"/gezinnen/{family}/regie")
    assert regie["regisseur"]["professionalId"] == me["id"], "regie moved before the answer"
    assert regie["openVerzoek"]["url"] == urllib.parse.urlsplit(headers["Location"]).path
    step(f"{them['naam']} gevraagd de regie over te nemen; ik houd de regie tot het antwoord")
    accepted = receiver.post(f"/regie-verzoeken/{offer['id']}/aanvaarding", {})
    assert accepted["stand"] == "aanvaard", accepted
    regie = api.get(f"/gezinnen/{family}/regie")
    step(f"regie aanvaard door {regie['regisseur']['naam']} ({regie['regisseur']['organisatie']})")
    return them["id"]


def police_message(police: Client) -> str:
    registered = (datetime.datetime.now(datetime.UTC) - datetime.timedelta(hours=2)).replace(
        microsecond=0
    )
    message = {
        "registratienummer": f"PL-VOORBEELD-{uuid.uuid4().hex[:8]}",
        "geregistreerdOp": registered.isoformat(),
        "melder": {"naam": "Agent Jansen", "telefoon": "0900-8844", "organisatie": "Politie"},
        "personen": [
            {
                "rol": "kind",
                "voornamen": "Kim",
                "achternaam": "Voorbeeld",
                "geboortedatum": "2016-03-01",
            }
        ],
        "formulieren": [{"kenmerk": "Z-1", "soort": "Zorgmelding jeugd", "inhoud": "Inhoud."}],
    }
    first, _headers, status = police.call("POST", "/meldingen", message)
    assert status == 201, status
    step(
        f"zorgmelding {first['registratienummer']}: geregistreerd {first['geregistreerdOp']}, "
        f"ontvangen {first['ontvangen']}, stand {first['stand']}"
    )
    _again, _headers, status = police.call("POST", "/meldingen", message)
    assert status == 200, status
    step("hetzelfde bericht nogmaals: 200, dezelfde melding")
    return first["id"]


def main() -> int:
    base = os.environ.get("KETENKAART_URL", "http://127.0.0.1:8000/api/v1")
    api = Client(base, os.environ["KETENKAART_TOKEN"])
    receiver = Client(base, os.environ["KETENKAART_RECEIVER_TOKEN"])
    police = Client(base, os.environ["KETENKAART_POLICE_TOKEN"])
    try:
        me = api.get("/ik")
        family = create_family(api)
        update_map(api, family, me)
        hand_over(api, receiver, family, me)
        police_message(police)
    except ApiError as error:
        print(f"Fout: {error}", file=sys.stderr)
        return 1
    print("Klaar.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
