"""The command palette (ctrl+p): every screen, the current screen's actions, and
"open initiative" by code or name."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits

from screens.common.navigation import DESTINATIONS
from screens.common.palette import RecordsProvider, record_score
from widgets.plain_text import highlighted, plain_content


@dataclass(frozen=True)
class PaletteCommand:
    """One line in the palette."""

    name: str
    help: str
    run: Callable[[], object]


class PortfolioCommands(RecordsProvider):
    """Screens and actions of the portfolio app."""

    def read(self, connection) -> list[tuple[str, str]]:
        """Every initiative's code and name (in a worker thread)."""
        from store.portfolio.queries import initiative_names

        return initiative_names(connection)

    def _commands(self) -> Iterator[PaletteCommand]:
        app = self.app
        for destination in DESTINATIONS:
            yield PaletteCommand(
                f"Go to {destination.name}", destination.help, partial(app.go_to, destination)
            )
        screen = self.screen
        title = getattr(screen, "HELP_TITLE", "This screen")
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.description in seen:
                continue
            if binding.action in ("command_palette",):
                continue
            seen.add(binding.description)
            yield PaletteCommand(
                f"{title}: {binding.description}",
                f"key: {app.get_key_display(binding)}",
                partial(app.run_action, binding.action, active.node),
            )

    async def discover(self) -> Hits:
        """Everything, for an empty palette."""
        for command in self._commands():
            yield DiscoveryHit(plain_content(command.name), command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        """Screens and actions matching the query, then initiatives by code or name; all
        once the initiatives are read (ranked without them, another hit would come first,
        and an `enter` typed with the code would open that)."""
        initiatives = await self.records()
        matcher = self.matcher(query)
        for command in self._commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, highlighted(matcher, command.name), command.run, help=command.help)
        for code, name in initiatives:
            label = f"Open {code} {name}"
            score = record_score(matcher, query, code, label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self.app.open_initiative, code),
                    help=f"opens {code}'s page: RAG, risks, dependencies, milestones",
                )
