"""Filling a web form as a person would: read the form the page shows, keep what it offers
(hidden fields, the first real choice of each list), and type a plain synthetic value into
every text, date and number field. Used by the write matrix for its valid web payloads."""

from __future__ import annotations

from html.parser import HTMLParser

TEXT = "Synthetische tekst voor de schrijfmatrix."
DATE = "2026-03-02"


class _Forms(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.forms: list[dict] = []
        self._select: str | None = None
        self._textarea: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "form":
            self.forms.append(
                {
                    "action": a.get("action", ""),
                    "method": a.get("method", "get"),
                    "fields": {},
                    "choices": {},
                    "buttons": [],
                }
            )
            return
        if not self.forms:
            return
        form = self.forms[-1]
        name = a.get("name")
        if tag == "button" and name and a.get("type", "submit") == "submit":
            form["buttons"].append((name, a.get("value", ""), "primary" in a.get("class", "")))
            return
        if tag == "input" and name:
            kind = a.get("type", "text")
            if kind == "submit":
                form["buttons"].append((name, a.get("value", ""), "primary" in a.get("class", "")))
                return
            if kind in ("button", "reset", "file"):
                return
            if kind in ("radio", "checkbox"):
                form["choices"].setdefault(name, []).append(
                    (kind, a.get("value", "on"), "checked" in a)
                )
                return
            if a.get("inputmode") in ("numeric", "decimal") and kind == "text":
                kind = "number"
            form["fields"][name] = (kind, a.get("value", ""), a.get("maxlength"))
        elif tag == "select" and name:
            self._select = name
            form["choices"].setdefault(name, [])
        elif tag == "option" and self._select:
            form["choices"][self._select].append(("option", a.get("value", ""), "selected" in a))
        elif tag == "textarea" and name:
            self._textarea = name
            form["fields"][name] = ("textarea", "", a.get("maxlength"))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        if tag == "textarea":
            self._textarea = None

    def handle_data(self, data):
        if self._textarea and self.forms:
            kind, value, required = self.forms[-1]["fields"][self._textarea]
            self.forms[-1]["fields"][self._textarea] = (kind, value + data, required)


def fill(html: str, path: str) -> dict[str, object]:
    """The data a person submits with the POST form of `html` that posts to `path`."""
    parser = _Forms()
    parser.feed(html)
    posts = [f for f in parser.forms if f["method"].lower() == "post"]
    # A form that names this path is the one; a form without an action posts to the page.
    candidates = [f for f in posts if f["action"] == path] or [
        f for f in posts if f["action"] == ""
    ]
    if not candidates:
        raise AssertionError(f"no POST form to {path} on the page")
    form = max(candidates, key=lambda f: len(f["fields"]) + len(f["choices"]))
    data: dict[str, object] = {}
    for name, (kind, value, maxlength) in form["fields"].items():
        if value.strip() or kind == "hidden":
            data[name] = value
        elif "bsn" in name:
            data[name] = ""
        elif kind == "date":
            data[name] = DATE
        elif kind == "datetime-local":
            data[name] = f"{DATE}T10:00"
        elif kind == "time":
            data[name] = "10:00"
        elif kind == "number":
            data[name] = "1"
        elif kind == "email":
            data[name] = "melder@example.nl"
        elif kind == "tel" or "phone" in name or "telefoon" in name:
            data[name] = "0101234567"
        elif "bsn" in name:
            data[name] = ""
        else:
            data[name] = TEXT[: int(maxlength)] if maxlength else TEXT
    for name, options in form["choices"].items():
        kind = options[0][0] if options else "option"
        chosen = [value for _k, value, on in options if on and value]
        if kind == "checkbox":
            # a yes/no box stays as it is; of a list of boxes, the first is ticked
            data[name] = chosen or ([options[0][1]] if len(options) > 1 else [])
        elif chosen:
            data[name] = chosen[0]
        else:
            real = [value for _k, value, _on in options if value]
            data[name] = real[0] if real else ""
    if form["buttons"]:
        # The button that says what to do: the primary one, or else the first.
        primary = [b for b in form["buttons"] if b[2]] or form["buttons"]
        name, value, _primary = primary[0]
        data[name] = value
    return data
