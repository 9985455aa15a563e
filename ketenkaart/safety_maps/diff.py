"""What changed between two versions, section by section, in plain Dutch.

Lists compare whole items: an item that was edited shows as one removed and one added, which
reads plainly ("Verwijderd: …", "Toegevoegd: …") without guessing which item became which.
"""

import datetime
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from ketenkaart.safety_maps.content import SECTIONS, Section, normalised


@dataclass
class SectionChange:
    section: Section
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    before: str | None = None  # text sections
    after: str | None = None

    @property
    def is_text(self) -> bool:
        return self.section.kind == "text"


def _date(value) -> str:
    if not value:
        return ""
    try:
        return datetime.date.fromisoformat(str(value)).strftime("%d-%m-%Y")
    except ValueError:
        return str(value)


def describe_item(section: Section, item) -> str:
    """One list item as a readable line."""
    if isinstance(item, str):
        return item
    parts = []
    for key, label in section.fields:
        value = item.get(key)
        if key == "until":
            value = _date(value)
        if value:
            parts.append(f"{label}: {value}")
    return "; ".join(parts)


def item_rows(section: Section, items) -> list[list[tuple[str, str]]]:
    """Items as (label, text) pairs for display; empty fields left out."""
    rows = []
    for item in items or []:
        row = []
        for key, label in section.fields:
            value = item.get(key)
            if key == "until":
                value = _date(value)
            if value:
                row.append((label, value))
        rows.append(row)
    return rows


def describe_score(score) -> str:
    return _("%(name)s: %(score)s — %(reason)s") % {
        "name": score.participant_name,
        "score": score.score,
        "reason": score.reason,
    }


def _listed(section: Section, items) -> Counter:
    return Counter(describe_item(section, item) for item in items)


def section_change(section: Section, old, new) -> SectionChange | None:
    """The change in one section (values as stored, or score rows), or None if it is equal."""
    if section.kind == "text":
        if (old or "") == (new or ""):
            return None
        return SectionChange(section, before=old or "", after=new or "")
    if section.kind == "scores":
        before = Counter(describe_score(s) for s in old)
        after = Counter(describe_score(s) for s in new)
    else:
        before = _listed(section, old or [])
        after = _listed(section, new or [])
    if before == after:
        return None
    return SectionChange(
        section,
        added=list((after - before).elements()),
        removed=list((before - after).elements()),
    )


def content_diff(
    old_content: dict | None, new_content: dict | None, old_scores=(), new_scores=()
) -> list[SectionChange]:
    """Every section that differs between two versions, in the map's order."""
    old = normalised(old_content)
    new = normalised(new_content)
    changes = []
    for section in SECTIONS:
        if section.kind == "scores":
            change = section_change(section, list(old_scores), list(new_scores))
        else:
            change = section_change(section, old[section.key], new[section.key])
        if change is not None:
            changes.append(change)
    return changes


def as_json(changes: list[SectionChange]) -> list[dict]:
    """The API's shape of a difference."""
    result = []
    for change in changes:
        entry = {"onderdeel": change.section.key, "titel": str(change.section.title)}
        if change.is_text:
            entry["was"] = change.before
            entry["wordt"] = change.after
        else:
            entry["toegevoegd"] = change.added
            entry["verwijderd"] = change.removed
        result.append(entry)
    return result
