"""The scale chart's SVG as a browser parses it: every coordinate a number, whatever the locale."""

import re
import xml.etree.ElementTree as ET

from django.utils import translation

from ketenkaart.safety_maps import charts, services
from ketenkaart.safety_maps.tests.conftest import save

SVG = "{http://www.w3.org/2000/svg}"
COORDINATES = ("x", "y", "x1", "x2", "y1", "y2", "cx", "cy", "r", "width", "height")


def scales_svg(client, household) -> ET.Element:
    html = client.get(f"/gezinnen/{household.pk}/veiligheidskaart/schalen").content.decode()
    fragment = re.search(r"<svg.*?</svg>", html, re.DOTALL).group(0)
    # Our own page, parsed in a test: not untrusted input.
    return ET.fromstring(fragment.replace("<svg ", f'<svg xmlns="{SVG[1:-1]}" ', 1))  # noqa: S314


def test_every_svg_coordinate_parses_as_a_number_under_the_dutch_locale(
    client, involved, household
):
    for number, score in enumerate((3, 10)):
        save(
            involved,
            household,
            number,
            scores=[services.ScoreInput("professional", involved.pk, score, "Reden")],
        )
    client.force_login(involved.user)

    svg = scales_svg(client, household)

    values = [
        element.attrib[name]
        for element in svg.iter()
        for name in COORDINATES
        if name in element.attrib
    ]
    assert values and all(re.fullmatch(r"-?\d+(\.\d+)?", v) for v in values), values
    points = svg.find(f"{SVG}polyline").attrib["points"].split()
    assert [tuple(float(n) for n in point.split(",")) for point in points]
    circles = [float(c.attrib["cy"]) for c in svg.iter(f"{SVG}circle")]
    # 10 sits on the top grid line (y = TOP), 3 lower down: the scale is not collapsed.
    assert circles[1] == charts.TOP
    assert circles[0] > circles[1]
    labels = [t.text for t in svg.iter(f"{SVG}text")]
    assert "10" in labels and "0" in labels


def test_svg_number_ignores_the_active_locale():
    with translation.override("nl"):
        assert charts.svg_number(54) == "54.0"
        assert charts.svg_number(12.345) == "12.3"
