"""Command palette entries on the front door screens: open any proposal's triage form by its
reference or title (ctrl+p, then type e.g. `FD-2021-0012` or `analyst`)."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits

from screens.common.palette import RecordsProvider, record_score
from store.front_door.queries import proposal_references
from widgets.plain_text import highlighted, plain_content


class ProposalCommands(RecordsProvider):
    """`Triage FD-2021-0012 Shared analyst pool with partners`, one per proposal."""

    def read(self, connection) -> list[tuple[str, str]]:
        """(reference, title) of every proposal (in a worker thread)."""
        return proposal_references(connection)

    def _open(self, reference: str) -> None:
        from screens.front_door.triage_form import TriageScreen

        self.app.push_screen(TriageScreen(reference))

    async def discover(self) -> Hits:
        """The ten newest proposals, for an empty palette."""
        for reference, title in (await self.records())[:10]:
            yield DiscoveryHit(
                plain_content(f"Triage {reference} {title}"),
                partial(self._open, reference),
                help=f"opens {reference}'s triage form",
            )

    async def search(self, query: str) -> Hits:
        """Proposals whose reference or title matches."""
        proposals = await self.records()
        matcher = self.matcher(query)
        for reference, title in proposals:
            label = f"Triage {reference} {title}"
            score = record_score(matcher, query, reference, label)
            if score > 0:
                yield Hit(
                    score,
                    highlighted(matcher, label),
                    partial(self._open, reference),
                    help=f"opens {reference}'s triage form",
                )
