"""`{% once %}…{% endonce %}`: a part of the layout that is the same on every page, rendered once
per process, language and script prefix instead of on every request (issue 17).

Inside, the page's own context is out of reach: the part sees only `look`, and what
`{% translate %}`, `{% static %}` and `{% url %}` without arguments give. So neither the user, a
form nor a family can end up in what every later request gets.
"""

from django import template
from django.urls import get_script_prefix
from django.utils.translation import get_language

from ketenkaart.core.context_processors import look
from ketenkaart.core.templating import Kept

register = template.Library()


class OnceNode(template.Node):
    def __init__(self, nodelist: template.NodeList):
        self.nodelist = nodelist
        self.kept = Kept()

    def render(self, context: template.Context) -> str:
        def draw() -> str:
            fixed = context.new({"look": look()})
            return self.nodelist.render(fixed)

        return self.kept.get((get_language(), get_script_prefix()), draw)


@register.tag
def once(parser: template.base.Parser, token: template.base.Token) -> OnceNode:
    if len(token.split_contents()) != 1:
        raise template.TemplateSyntaxError("{% once %} takes no arguments")
    nodelist = parser.parse(("endonce",))
    parser.delete_first_token()
    return OnceNode(nodelist)
