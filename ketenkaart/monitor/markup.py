"""The chart and its table as HTML, built here rather than in template loops: a dashboard has
23 of each, and Django's template engine spent most of the render time on their cells. Every
label is escaped; every coordinate comes from charts.fmt (a decimal point, whatever the
locale); the table's numbers are formatted for the reader's locale."""

from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ketenkaart.monitor.charts import Chart
from ketenkaart.monitor.selectors import IndicatorData


def chart_svg(data: IndicatorData, chart: Chart) -> SafeString:
    code = escape(data.indicator.code)
    title = escape(str(data.indicator.title))
    desc: str = escape(
        _("Lijngrafiek in %(unit)s per periode; de cijfers staan in de tabel hiernaast.")
        % {"unit": data.indicator.unit}
    )
    if chart.norm_y is not None:
        desc += " " + escape(
            _("De norm (%(norm)s) is een gestippelde lijn.") % {"norm": chart.norm_label}
        )
    left, right, bottom = chart.left, chart.plot_right, chart.plot_bottom
    parts = [
        f'<svg class="kk-chart" role="img" viewBox="0 0 {chart.width} {chart.height}" '
        f'aria-labelledby="grafiek-{code}-titel grafiek-{code}-uitleg">',
        f'<title id="grafiek-{code}-titel">{title}</title>',
        f'<desc id="grafiek-{code}-uitleg">{desc}</desc>',
        '<g class="kk-chart__grid" aria-hidden="true">',
    ]
    for y, label in chart.y_ticks:
        parts.append(
            f'<line x1="{left}" x2="{right}" y1="{y}" y2="{y}" stroke="#d0d0d0" stroke-width="1"/>'
            f'<text x="{left - 6}" y="{y}" text-anchor="end" dominant-baseline="middle" '
            f'font-size="12" fill="#333">{escape(label)}</text>'
        )
    for x, label in chart.x_ticks:
        parts.append(
            f'<text x="{x}" y="{bottom}" dy="18" text-anchor="middle" font-size="11" '
            f'fill="#333">{escape(label)}</text>'
        )
    parts.append("</g>")
    if chart.norm_y is not None:
        parts.append(
            f'<g class="kk-chart__norm"><line x1="{left}" x2="{right}" y1="{chart.norm_y}" '
            f'y2="{chart.norm_y}" stroke="#000" stroke-width="2" stroke-dasharray="4 4"/>'
            f'<text x="{left + 4}" y="{chart.norm_y}" dy="-4" font-size="12" fill="#000">'
            f"{escape(_('norm'))} {escape(chart.norm_label)}</text></g>"
        )
    for line in chart.lines:
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        label = escape(line.label)
        parts.append('<g class="kk-chart__series">')
        parts.extend(
            f'<polyline points="{path}" fill="none" stroke="{line.colour}" '
            f'stroke-width="2.5"{dash}/>'
            for path in line.paths
        )
        parts.extend(
            f'<circle cx="{x}" cy="{y}" r="3" fill="{line.colour}"><title>{label}: {value}'
            "</title></circle>"
            for x, y, value in line.dots
        )
        parts.append("</g>")
    parts.append("</svg>")
    if len(chart.lines) > 1:
        parts.append('<ul class="kk-chart__legend">')
        for line in chart.lines:
            dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
            parts.append(
                '<li><svg width="28" height="10" aria-hidden="true" focusable="false">'
                f'<line x1="0" x2="28" y1="5" y2="5" stroke="{line.colour}" '
                f'stroke-width="2.5"{dash}/></svg> {escape(line.label)}</li>'
            )
        parts.append("</ul>")
    return mark_safe("".join(parts))  # noqa: S308 - every variable part is escaped above


def _number(value: float) -> str:
    if value == int(value):
        return number_format(int(value), use_l10n=True)
    return number_format(value, decimal_pos=1, use_l10n=True)


PROTECTED = "×"  # secondary suppression, as in CBS tables ("geheim")


def table_html(data: IndicatorData, threshold: int) -> SafeString:
    title = escape(str(data.indicator.title))
    hidden = escape(_("minder dan %(n)s: niet getoond") % {"n": threshold})
    protected = escape(
        _("afgeschermd: met dit getal is een cel van minder dan %(n)s uit te rekenen")
        % {"n": threshold}
    )
    empty = escape(_("geen gegevens"))
    parts = [
        '<table class="utrecht-table kk-table kk-chart__table">',
        f'<caption class="utrecht-table__caption">{title} ({escape(data.indicator.unit)})'
        "</caption>",
        '<thead class="utrecht-table__header"><tr class="utrecht-table__row">',
        f'<th class="utrecht-table__header-cell" scope="col">{escape(_("Periode"))}</th>',
    ]
    parts.extend(
        '<th class="utrecht-table__header-cell utrecht-table__header-cell--numeric" '
        f'scope="col">{escape(s.label) if s.label else title}</th>'
        for s in data.series
    )
    parts.append('</tr></thead><tbody class="utrecht-table__body">')
    for label, points in data.rows:
        parts.append(
            '<tr class="utrecht-table__row"><th class="utrecht-table__header-cell" '
            f'scope="row">{escape(label)}</th>'
        )
        for point in points:
            if point.status == "suppressed":
                text = f'<abbr title="{hidden}">&lt;{threshold}</abbr>'
            elif point.status == "protected":
                text = f'<abbr title="{protected}">{PROTECTED}</abbr>'
            elif point.value is None:
                text = f'<span aria-label="{empty}">–</span>'
            else:
                text = escape(_number(point.value))
            parts.append(
                f'<td class="utrecht-table__cell utrecht-table__cell--numeric">{text}</td>'
            )
        parts.append("</tr>")
    parts.append("</tbody></table>")
    return mark_safe("".join(parts))  # noqa: S308 - every variable part is escaped above
