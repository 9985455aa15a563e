"""CSV exports of the shown tables: the same suppressed cells as the page, never more."""

import csv
import io

from django.utils.translation import gettext as _

from ketenkaart.monitor import suppression
from ketenkaart.monitor.models import Cell
from ketenkaart.monitor.selectors import IndicatorData, threshold

SUPPRESSED = "<"  # the cell is under the threshold: "<10"


def _cell(point) -> str:
    if point.status == "suppressed":
        return f"{SUPPRESSED}{threshold()}"
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


def veilig_thuis_csv(*, region_id, by: str, minimum: int) -> str:
    """The shape of the CBS Veilig Thuis statistics (StatLine 'Veilig Thuis; adviezen en
    meldingen'): per period the adviezen, the meldingen, and the meldingen by reporter group,
    per quarter or half year, for the region. Half years add two quarters."""
    rows = Cell.objects.filter(
        region_id=region_id,
        municipality__isnull=True,
        period="quarter",
        indicator__in=("adviezen", "meldingen", "meldingen_melder"),
    ).values_list("indicator", "period_start", "series", "base")
    table: dict[str, dict[str, int]] = {}
    for code, start, series, base in rows:
        if by == "halfjaar":
            key = f"{start.year}HJ{HALF_YEAR[start.month]}"
        else:
            key = f"{start.year}KW{(start.month - 1) // 3 + 1:02d}"
        column = code if code != "meldingen_melder" else f"melder:{series}"
        if code == "meldingen_melder" and series == "":
            continue
        table.setdefault(key, {}).setdefault(column, 0)
        table[key][column] += base
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
        values = [table[period].get(key, 0) for key, _label in columns]
        # Meldingen totaal beside its parts by reporter: hide what subtraction would reveal.
        total_hidden, parts_hidden = suppression.hidden(values[1], values[2:], minimum)
        hide = {0: suppression.primary(values[0], minimum), 1: total_hidden}
        hide.update({index + 2: True for index in parts_hidden})
        writer.writerow(
            [period]
            + [
                f"{SUPPRESSED}{minimum}" if hide.get(index) else str(value)
                for index, value in enumerate(values)
            ]
        )
    return out.getvalue()
