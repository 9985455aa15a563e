"""What a template node rendered, kept per key for the process: the layout's fixed parts
(`{% once %}`) and fixed texts (`{% translate "…" %}`), the same on every page (issue 17).
Forgotten when a setting changes, as the tests do."""

from collections.abc import Callable

from django.core.signals import setting_changed
from django.dispatch import receiver

_generation = 0


@receiver(setting_changed)
def _forget(**kwargs) -> None:
    global _generation
    _generation += 1


class Kept:
    """One node's renderings, by key; a node renders again only for a key it has not seen."""

    def __init__(self) -> None:
        self.generation = _generation
        self.by_key: dict[tuple, str] = {}

    def get(self, key: tuple, render: Callable[[], str]) -> str:
        if self.generation != _generation:
            self.generation, self.by_key = _generation, {}
        html = self.by_key.get(key)
        if html is None:
            html = self.by_key[key] = render()
        return html
