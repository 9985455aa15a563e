"""CSV exports of the shown tables: the same suppressed cells as the page, never more."""

import csv
import io

from django.utils.translation import gettext as _

from ketenkaart.monitor.models import Cell
from ketenkaart.monitor.selectors import IndicatorData, threshold

SUPPRESSED = "<"  # the cell is under the threshold: "<10"
PROTECTED = "x"  # hidden so that no small cell can be found by subtraction


def _cell(point) -> str:
    if point.status == "suppressed":
        return f"{SUPPRESSED}{threshold()}"
    if point.status == "protected":
        return PROTECTED
    if point.value is None:
        return ""
    return f"{point.value:g}"


def indicator_csv(data: IndicatorData) -> str:
    """Periods down, series across; numbers with a decimal point (machine-readable)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("periode")] + [s.label or str(data.indicator.title) for s in data.series])
    for label, points in data.rows:
        writer.writerow([label] + [_cell(p) for p in points])
    return out.getvalue()


HALF_YEAR = {1: 1, 4: 1, 7: 2, 10: 2}


def _vt_cell(cell: list, minimum: int) -> str:
    """`cell` is [sum, whether a part was hidden]."""
    value, hidden = cell
    if 0 < value < minimum:
        return f"{SUPPRESSED}{minimum}"
    return PROTECTED if hidden else str(value)


def veilig_thuis_csv(*, region_id, by: str, minimum: int) -> str:
    """The shape of the CBS Veilig Thuis statistics (StatLine 'Veilig Thuis; adviezen en
    meldingen'): per period the adviezen, the meldingen, and the meldingen by reporter group,
    per quarter or half year, for the region. Half years add two quarters."""
    rows = Cell.objects.filter(
        region_id=region_id,
        municipality__isnull=True,
        period="quarter",
        indicator__in=("adviezen", "meldingen", "meldingen_melder"),
    ).values_list("indicator", "period_start", "series", "base", "protected")
    # Per period and column: the sum, and whether any part was hidden. A half year with a
    # hidden quarter is hidden too, or the quarter table would give it away by subtraction.
    table: dict[str, dict[str, list]] = {}
    for code, start, series, base, protected in rows:
        if by == "halfjaar":
            key = f"{start.year}HJ{HALF_YEAR[start.month]}"
        else:
            key = f"{start.year}KW{(start.month - 1) // 3 + 1:02d}"
        column = code if code != "meldingen_melder" else f"melder:{series}"
        if code == "meldingen_melder" and series == "":
            continue
        cell = table.setdefault(key, {}).setdefault(column, [0, False])
        cell[0] += base
        cell[1] = cell[1] or protected or 0 < base < minimum
    columns = [
        ("adviezen", _("Adviezen")),
        ("meldingen", _("Meldingen totaal")),
        ("melder:police", _("Meldingen: politie/justitie")),
        ("melder:professional", _("Meldingen: professionals")),
        ("melder:citizen", _("Meldingen: burgers")),
        ("melder:veilig_thuis", _("Meldingen: Veilig Thuis zelf")),
    ]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Perioden")] + [str(label) for _key, label in columns])
    for period in sorted(table):
        values = table[period]
        writer.writerow(
            [period] + [_vt_cell(values.get(key, [0, False]), minimum) for key, _ in columns]
        )
    return out.getvalue()
