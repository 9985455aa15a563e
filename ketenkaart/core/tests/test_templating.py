"""The layout's fixed parts and fixed texts, kept per process (issue 17): what they keep follows
only from the settings and the language, never from the page's own context."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, TemplateSyntaxError, engines
from django.templatetags import i18n as django_i18n
from django.utils import translation

from ketenkaart.core.templatetags.texts import FixedTextNode


def template(source: str):
    return engines["django"].from_string(source)


def test_a_fixed_part_cannot_see_the_page_it_is_drawn_in():
    part = template("{% load layout %}[{% once %}{{ secret }}{{ user }}{% endonce %}]{{ secret }}")

    html = part.render({"secret": "Jansen", "user": "regisseur"})

    assert html == "[]Jansen"


def test_a_fixed_part_is_drawn_once_and_then_kept():
    part = template('{% load layout %}{% once %}{% now "U u" %}{% endonce %}|{% now "U u" %}')

    first, second = part.render({}), part.render({})

    assert first.split("|")[0] == second.split("|")[0]
    assert first.split("|")[1] != second.split("|")[1]  # outside the part: drawn anew


def test_a_fixed_part_is_drawn_again_when_a_setting_changes(settings):
    part = template("{% load layout %}{% once %}{{ look.organisation_name }}{% endonce %}")
    settings.KETENKAART_LOOK = {**settings.KETENKAART_LOOK, "ORGANISATION_NAME": "Testdorp"}
    assert part.render({}) == "Testdorp"

    settings.KETENKAART_LOOK = {**settings.KETENKAART_LOOK, "ORGANISATION_NAME": "Oefenstad"}

    assert part.render({}) == "Oefenstad"


def test_a_fixed_part_is_drawn_per_language():
    part = template(
        "{% load texts layout %}{% once %}{% get_current_language as code %}{{ code }} "
        '{% translate "January" %}{% endonce %}'
    )

    with translation.override("de"):
        german = part.render({})
    with translation.override("nl"):
        dutch = part.render({})

    assert (german, dutch) == ("de Januar", "nl januari")


def test_once_takes_no_arguments():
    with pytest.raises(TemplateSyntaxError, match="takes no arguments"):
        template("{% load layout %}{% once user %}{% endonce %}")


def test_a_fixed_text_is_translated_into_the_language_of_each_request():
    # Django's own catalogue has the months, in more languages than ours.
    month = template('{% load texts %}{% translate "January" %}')

    rendered = []
    for language in ("nl", "de", "nl", "fr"):
        with translation.override(language):
            rendered.append(month.render({}))

    assert rendered == ["januari", "Januar", "januari", "janvier"]
    assert any(isinstance(node, FixedTextNode) for node in month.template.nodelist)


@pytest.mark.parametrize(
    "text", ["January", "Zorgen & afspraken", "<b>vet</b>", "100%% zeker", "Naam: %(naam)s"]
)
@pytest.mark.parametrize("autoescape", [True, False])
def test_a_fixed_text_renders_as_djangos_own_tag_renders_it(text, autoescape):
    node = template(f'{{% load texts %}}{{% translate "{text}" %}}').template.nodelist[-1]
    context = Context({}, autoescape=autoescape)

    with translation.override("nl"):
        assert node.render(context) == django_i18n.TranslateNode.render(node, context)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ('{% translate "January" as month %}<{{ month }}>', "<januari>"),
        ("{% translate name %}", "januari"),
        ('{% translate "January"|upper %}', "JANUARI"),
        ('{% translate "Jan." context "abbrev. month" %}', "jan"),
        ('{% translate "January" noop %}', "January"),
    ],
)
def test_every_other_use_of_translate_is_djangos_own(source, expected):
    rendered = template("{% load texts %}" + source)

    with translation.override("nl"):
        assert rendered.render({"name": "January"}) == expected
    assert not any(isinstance(node, FixedTextNode) for node in rendered.template.nodelist)


def test_every_template_of_ours_loads_the_kept_texts_not_djangos_i18n():
    root = Path(settings.BASE_DIR) / "ketenkaart"
    loading_i18n = [
        str(path.relative_to(root))
        for path in root.rglob("templates/**/*")
        if path.is_file() and re.search(r"{%\s*load\b[^%]*\bi18n\b", path.read_text())
    ]

    assert loading_i18n == []
