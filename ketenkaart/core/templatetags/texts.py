"""`{% load texts %}`: Django's i18n tag library, with `{% translate "a fixed text" %}` kept per
language (issue 17). Our templates load it instead of `i18n`.

A page draws dozens of fixed texts, and Django looks each one up anew on every request: about
20 µs each, over a millisecond on the dossier page. What a fixed text renders to follows only from
the active language, so each such tag keeps its rendering per language. Any other use (a
variable, a filter, `noop`, `context`, `as`) is Django's own tag, unchanged. (It has a name of
its own: replacing Django's `i18n` library is what Django's check templates.W003 warns against.)
"""

from django import template
from django.templatetags import i18n as django_i18n
from django.utils.translation import get_language

from ketenkaart.core.templating import Kept

register = template.Library()
register.tags.update(django_i18n.register.tags)
register.filters.update(django_i18n.register.filters)


class FixedTextNode(django_i18n.TranslateNode):
    def __init__(self, node: django_i18n.TranslateNode):
        super().__init__(node.filter_expression, node.noop, node.asvar, node.message_context)
        self.kept = Kept()

    def render(self, context: template.Context) -> str:
        draw = super().render
        return self.kept.get((get_language(),), lambda: draw(context))


def _fixed(node: django_i18n.TranslateNode) -> bool:
    expression = node.filter_expression
    return (
        not node.noop
        and node.asvar is None
        and node.message_context is None
        and not expression.filters
        and getattr(expression.var, "literal", None) is not None
    )


@register.tag("translate")
@register.tag("trans")
def translate(parser: template.base.Parser, token: template.base.Token) -> template.Node:
    node = django_i18n.do_translate(parser, token)
    return FixedTextNode(node) if _fixed(node) else node
