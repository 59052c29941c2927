"""The app's top-level destinations, for the command palette and the list screen's keys.

Each feature adds its screens here: a name, one line of help, the key that opens it
from the portfolio list (if any), and the import path of its Screen class. Screens
are imported only when opened, so start-up stays fast.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from textual.screen import Screen


@dataclass(frozen=True)
class Destination:
    """A screen the user can go to from anywhere."""

    name: str
    help: str
    screen_path: str
    key: str | None = None
    short: str = ""

    @property
    def short_name(self) -> str:
        """A footer-sized name."""
        return self.short or self.name

    def make(self) -> Screen:
        """Import and build the screen."""
        module_name, class_name = self.screen_path.rsplit(":", 1)
        return getattr(importlib.import_module(module_name), class_name)()


DESTINATIONS: list[Destination] = [
    Destination(
        "Portfolio list",
        "Every programme, project and workstream, with its overall RAG",
        "screens.portfolio.portfolio_list:PortfolioListScreen",
    ),
    Destination(
        "Star Chamber",
        "Vacancy and temporary-worker requests, meetings and decisions",
        "screens.star_chamber.requests:StarChamberScreen",
        key="s",
        short="Chamber",
    ),
    Destination(
        "Star Chamber meeting",
        "Walk through the next open meeting's agenda and record each decision",
        "screens.star_chamber.meeting:MeetingScreen",
    ),
    Destination(
        "Star Chamber minutes",
        "The decision log of the latest Star Chamber meeting",
        "screens.star_chamber.minutes:MinutesScreen",
    ),
    Destination(
        "Posting List",
        "Displaced police staff, considered first for every vacancy",
        "screens.star_chamber.posting_list:PostingListScreen",
    ),
    Destination(
        "Temporary engagements",
        "Temporary and agency workers, and which reach their maximum soon",
        "screens.star_chamber.engagements:EngagementsScreen",
    ),
    Destination(
        "Establishment",
        "Budgeted posts, strength, vacancy factor and reduction plan per group",
        "screens.star_chamber.establishment:EstablishmentScreen",
    ),
    Destination(
        "Early departure schemes",
        "Police staff early departure phases: offered, accepted, uptake and cost",
        "screens.star_chamber.departures:DeparturesScreen",
    ),
    Destination(
        "Front door",
        "Proposals for new change: triage, tier rules and the panel's decisions",
        "screens.front_door.queue:FrontDoorScreen",
        key="f",
        short="Front door",
    ),
    Destination(
        "Change baseline",
        "Live initiatives by tier and complexity, with the data & digital share",
        "screens.front_door.change_baseline:BaselineScreen",
        key="b",
        short="Baseline",
    ),
    Destination(
        "Review recommendations",
        "The stocktake's recommendations: owner, status and % complete",
        "screens.front_door.recommendations:RecommendationsScreen",
        key="R",
        short="Recs",
    ),
    Destination(
        "Savings and headcount",
        "The §19 plan: £m and headcount by financial year, totals and the budget gap",
        "screens.programme.savings:SavingsScreen",
        key="v",
        short="Savings",
    ),
    Destination(
        "Timeline",
        "Every programme by quarter, with its milestones (Annex B)",
        "screens.programme.timeline:TimelineScreen",
        key="T",
        short="Timeline",
    ),
    Destination(
        "Risk heat map",
        "Open risks by likelihood and impact, with the risks behind each cell",
        "screens.programme.risk_heat_map:RiskHeatMapScreen",
        key="h",
        short="Risks",
    ),
    Destination(
        "Dependency matrix",
        "Which initiatives depend on which, by importance, and which are at risk",
        "screens.programme.dependency_matrix:DependencyMatrixScreen",
        key="d",
        short="Deps",
    ),
    Destination(
        "Board pack",
        "The quarterly board pack for a period: preview, then save as Markdown or HTML",
        "screens.reports.board_pack:BoardPackScreen",
        key="p",
        short="Pack",
    ),
    Destination(
        "Data exchange",
        "Export to JSON, Excel or CSV, check or import a file, and back up the database",
        "screens.reports.data_exchange:DataExchangeScreen",
        key="e",
        short="Exchange",
    ),
    Destination(
        "RAG criteria",
        "What each initiative is rated against, in order; the first is the headline",
        "screens.portfolio.criteria:CriteriaScreen",
    ),
]
