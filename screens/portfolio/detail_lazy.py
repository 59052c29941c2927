"""The programme detail screen's tabs other than Summary, built the first time each is shown.

Composing all eight tabs up front cost most of the time to open the screen (about a
hundred widgets to mount and style, most of them on tabs nobody looks at). The
Summary tab is composed with the screen; each other tab is an empty TabPane until it
is first shown, when `tab_widgets` gives its widgets and `setup_tab` their columns.
"""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.widget import Widget

from screens.benefits.benefits_tab import MEASUREMENT_COLUMNS, REGISTER_COLUMNS, benefits_widgets
from screens.benefits.detail_confidence import CONFIDENCE_COLUMNS, confidence_widgets
from screens.portfolio.detail_tabs import add_columns, fitted, setup_tables
from widgets.plain_text import DataTable, Static
from widgets.trend_strip import RagTrendStrip

# The tabs built on first show, with their titles, in order.
LAZY_TABS: dict[str, str] = {
    "status": "Status",
    "risks": "Risks",
    "dependencies": "Dependencies",
    "milestones": "Milestones",
    "savings": "Savings",
    "children": "Children",
    "audit": "History",
    "benefits": "Benefits",
}

# The record tabs and their tables.
RECORD_TABLES: dict[str, tuple[str, ...]] = {
    "risks": ("risks-table",),
    "dependencies": ("incoming-table", "outgoing-table"),
    "milestones": ("milestones-table",),
}

STATUS_COLUMNS = (
    ("Criterion", 22),
    ("RAG", 3),
    ("T", 1),
    ("Period", 7),
    ("Rationale", 60),
    ("By", 14),
)
HISTORY_COLUMNS = (
    ("Period", 7),
    ("Criterion", 20),
    ("RAG", 3),
    ("Rationale", 52),
    ("By", 14),
    ("Recorded (UTC)", 16),
)
CHILDREN_COLUMNS = (("Code", 12), ("Name", 60), ("Kind", 11), ("RAG", 3))


def _table(table_id: str) -> DataTable:
    return DataTable(id=table_id, cursor_type="row", zebra_stripes=True)


def tab_widgets(tab: str) -> list[Widget]:
    """The widgets one tab holds."""
    if tab == "status":
        return [
            VerticalScroll(
                _table("criteria"),
                Static(id="rationale", classes="rationale"),
                Static("Trend by period", classes="section-title"),
                RagTrendStrip(id="trend"),
                Static("RAG history (newest first)", classes="section-title"),
                _table("history"),
                *confidence_widgets(),
                classes="tab-body",
            )
        ]
    if tab == "risks":
        return [
            VerticalScroll(
                _table("risks-table"),
                Static(id="risk-text", classes="rationale"),
                classes="tab-body",
            )
        ]
    if tab == "benefits":
        return benefits_widgets()
    if tab == "dependencies":
        return [
            VerticalScroll(
                Static("Relies on (incoming)", classes="section-title"),
                _table("incoming-table"),
                Static("Relied on by (outgoing)", classes="section-title"),
                _table("outgoing-table"),
                classes="tab-body",
            )
        ]
    table_ids = {
        "milestones": "milestones-table",
        "savings": "savings-lines",
        "children": "children-table",
        "audit": "history-table",
    }
    return [_table(table_ids[tab])]


def setup_tab(screen: Widget, tab: str) -> None:
    """Give a freshly built tab's tables their fixed-width columns."""
    if tab == "status":
        add_columns(screen.query_one("#criteria", DataTable), *STATUS_COLUMNS)
        add_columns(screen.query_one("#history", DataTable), *HISTORY_COLUMNS)
        add_columns(screen.query_one("#confidence-history", DataTable), *CONFIDENCE_COLUMNS)
    elif tab == "children":
        add_columns(screen.query_one("#children-table", DataTable), *CHILDREN_COLUMNS)
    elif tab == "benefits":
        register = fitted(REGISTER_COLUMNS, screen.app.size.width - 4)  # padding, scrollbar
        add_columns(screen.query_one("#benefits-table", DataTable), *register)
        add_columns(screen.query_one("#measurements-table", DataTable), *MEASUREMENT_COLUMNS)
    else:
        pane = screen.query_one(f"#{tab}")
        setup_tables(*pane.query(DataTable), width=screen.app.size.width)
