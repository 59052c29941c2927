"""Programme detail: one initiative's header and tabs: Summary, Status (current RAG per
criterion and RAG history), Risks, Dependencies, Milestones, Savings, Children, History
(its audit trail) and Benefits."""

from __future__ import annotations

import sqlite3
from typing import NamedTuple

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import TabbedContent, TabPane, Tabs

from screens.benefits.detail_parts import DETAIL_BINDINGS, DETAIL_HELP, BenefitsOnDetail
from screens.common.as_at import period_as_at
from screens.portfolio.detail_lazy import LAZY_TABS, RECORD_TABLES, setup_tab, tab_widgets
from screens.portfolio.detail_records import (
    EDIT_PERMISSIONS,
    RECORD_BINDINGS,
    DetailRecords,
    put_cursor,
    row_key,
)
from screens.portfolio.detail_status import (
    fill_criteria,
    fill_rag_history,
    header_facts,
    rationale_text,
    title_view,
)
from screens.portfolio.detail_tabs import (
    fill_dependencies,
    fill_history,
    fill_milestones,
    fill_risks,
    fill_savings,
    risk_text,
    summary_text,
)
from store.front_door.queries import proposal_for_initiative
from store.front_door.read_models import ProposalLink
from store.portfolio.queries import current_period, initiative_detail
from store.portfolio.read_models import AssessmentRead, InitiativeDetail
from store.programme.depth import InitiativeDepth, initiative_depth
from widgets.fitted import Fitted
from widgets.footer import Footer
from widgets.header import Header
from widgets.plain_text import DataTable, Static
from widgets.rag import rag_badge
from widgets.trend_strip import RagTrendStrip


class DetailData(NamedTuple):
    """Everything the detail screen shows, read in one go."""

    detail: InitiativeDetail | None
    period: str
    depth: InitiativeDepth
    origin: ProposalLink | None


def read_detail(connection: sqlite3.Connection, code: str) -> DetailData:
    """Read one initiative with its depth tabs and origin (in a worker thread)."""
    detail = initiative_detail(connection, code)
    period = current_period(connection)
    depth = initiative_depth(connection, detail.id) if detail else InitiativeDepth()
    origin = proposal_for_initiative(connection, code) if detail else None
    return DetailData(detail, period, depth, origin)


class ProgrammeDetailScreen(BenefitsOnDetail, DetailRecords, Screen):
    """Everything about one programme, project or workstream."""

    CSS_PATH = "programme_detail.tcss"
    HELP_TITLE = "Programme detail"
    HELP = (
        """
The header gives the initiative's business group, tier, complexity, SRO, programme
manager, dates and parent. The tabs below it are numbered `1` to `9`; with the tab
bar focused, `left` and `right` step between them.

**Summary** (`1`) describes the initiative and gives its overall RAG with the
rationale, and the headline numbers of the tabs that follow.

**Status** (`2` or `s`) lists each criterion's current RAG with its rationale; move through the
criteria with the arrow keys (or `j`/`k`) to read each rationale in full. The trend
strip shows each criterion period by period, and the table below it is the whole
RAG history, newest first. Nothing is ever overwritten: a re-assessment adds a row.

**Risks** (`3`) lists its risks, open ones first by score (likelihood × impact), with
the ROAM response; the highlighted risk's cause, effect and mitigation show below.
**Dependencies** (`4`) shows what it relies on others for (incoming) and what others
rely on it for (outgoing); *at risk* means the upstream's overall RAG is Red or the
upstream milestone is expected after the date needed. **Milestones** (`5`) gives
baseline, forecast and actual dates with the slippage in days; *overdue* means not done
and its forecast (else baseline) date has passed. **Savings** (`6`) shows the §19
savings lines it delivers. **Children** (`7` or `c`) lists the projects and workstreams
under this one; `enter` opens one. **History** (`8`) is its audit trail, with that of
its assessments, risks, milestones, dependencies and savings, newest first.

`e` records a new RAG for the highlighted criterion.

On the Risks, Dependencies and Milestones tabs, `n` adds a new risk, dependency or
milestone and `enter` edits the highlighted one, in a form that checks each field as
you type (`ctrl+s` saves, `escape` cancels). On Dependencies, `n` with the outgoing
table focused starts an outgoing dependency; `tab` moves between the two tables.
After a save the tab, the portfolio list's overdue count, the heat map and the
matrix show the change.

`escape` goes back, and the list keeps its filter and cursor.
"""
        + DETAIL_HELP
    )

    BINDINGS = [
        Binding("e", "edit_rag", "Edit RAG"),
        Binding("s", "show_tab('status')", "Status"),
        Binding("c", "show_tab('children')", "Children"),
        Binding("1", "show_tab('summary')", "Summary tab", show=False),
        Binding("2", "show_tab('status')", "Status tab", show=False),
        Binding("3", "show_tab('risks')", "Risks tab", show=False),
        Binding("4", "show_tab('dependencies')", "Dependencies tab", show=False),
        Binding("5", "show_tab('milestones')", "Milestones tab", show=False),
        Binding("6", "show_tab('savings')", "Savings tab", show=False),
        Binding("7", "show_tab('children')", "Children tab", show=False),
        Binding("8", "show_tab('audit')", "History tab", show=False),
        *RECORD_BINDINGS,
        *DETAIL_BINDINGS,
        Binding("j", "table_cursor(1)", "Down", show=False),
        Binding("k", "table_cursor(-1)", "Up", show=False),
        Binding("escape", "back", "Back"),
    ]

    # What each tab focuses when it is shown.
    TAB_FOCUS = {
        "summary": "#detail-tabs Tabs",
        "status": "#criteria",
        "risks": "#risks-table",
        "dependencies": "#incoming-table",
        "milestones": "#milestones-table",
        "savings": "#savings-lines",
        "children": "#children-table",
        "audit": "#history-table",
        "benefits": "#benefits-table",
    }

    def __init__(self, code: str, preloaded: DetailData | None = None) -> None:
        super().__init__()
        self.code = code
        self.preloaded = preloaded
        self.detail: InitiativeDetail | None = None
        self.depth = InitiativeDepth()
        self.origin: ProposalLink | None = None
        self.period = ""
        self.built: set[str] = {"summary"}
        self.building: set[str] = set()  # tabs whose widgets are mounting
        # (table id, row key) to put the cursor on once the next load is shown.
        self.select_after_load: tuple[str, str] | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Fitted(id="detail-title")
        yield Fitted(id="detail-header")
        with TabbedContent(initial="summary", id="detail-tabs"):
            with TabPane("Summary", id="summary"), VerticalScroll(classes="tab-body"):
                yield Static(id="summary-text")
            # The other tabs' widgets are built the first time each tab is shown.
            for tab, title in LAZY_TABS.items():
                yield TabPane(title, id=tab)
        yield Footer()

    def on_mount(self) -> None:
        self._title(Text(f"{self.code} …", style="bold"))
        self.query_one("#detail-tabs Tabs", Tabs).focus()
        if self.preloaded is not None:
            # Read before the screen was pushed: the first paint shows it all.
            self.show(*self.preloaded)
            self.preloaded = None
        else:
            self.load()

    def _title(self, text: Text) -> None:
        self.query_one("#detail-title", Fitted).show(lambda width: text)

    def is_built(self, tab: str) -> bool:
        """Whether a tab's widgets exist yet (Summary's always do)."""
        return tab in self.built

    async def build_tab(self, tab: str) -> None:
        """Mount a tab's widgets the first time it is shown, and fill them. The tab
        counts as built only once its tables have their columns: a detail read that
        lands while the widgets mount leaves it alone, and it is filled here."""
        if tab in self.built or tab in self.building:
            return
        self.building.add(tab)
        await self.query_one(f"#{tab}", TabPane).mount_all(tab_widgets(tab))
        setup_tab(self, tab)
        self.built.add(tab)
        self.building.discard(tab)
        if self.detail is not None:
            with self.app.batch_update():
                self._fill_tab(tab)

    @work(thread=True, exclusive=True, group="detail")
    def load(self) -> None:
        """Read the initiative off the event loop."""
        with self.app.store.reading() as connection:
            data = read_detail(connection, self.code)
        self.app.call_from_thread(self.show, *data)

    def show(
        self,
        detail: InitiativeDetail | None,
        period: str,
        depth: InitiativeDepth | None = None,
        origin: ProposalLink | None = None,
    ) -> None:
        """Fill every section from a freshly read detail."""
        if detail is None:
            self._title(Text(f"No initiative with code {self.code}", style="bold red"))
            return
        self.detail, self.period = detail, period
        self.sub_title = period_as_at(period)
        self.depth, self.origin = depth or InitiativeDepth(), origin
        with self.app.batch_update():
            self._show(detail)

    def _show(self, detail: InitiativeDetail) -> None:
        self.query_one("#detail-title", Fitted).show(title_view(detail))
        self.query_one("#detail-header", Fitted).show(header_facts(detail))
        self._label_tabs(detail, self.depth)
        for tab in ("summary", *LAZY_TABS):
            if tab in self.built:
                self._fill_tab(tab)
        self.refresh_bindings()

    def _label_tabs(self, detail: InitiativeDetail, depth: InitiativeDepth) -> None:
        tabs = self.query_one("#detail-tabs", TabbedContent)
        tabs.get_tab("children").label = f"Children ({len(detail.children)})"
        open_risks = len(depth.open_risks)
        tabs.get_tab("risks").label = f"Risks ({open_risks})" if open_risks else "Risks"
        at_risk = sum(d.at_risk for d in (*depth.incoming, *depth.outgoing))
        tabs.get_tab("dependencies").label = (
            f"Dependencies ({at_risk}!)" if at_risk else "Dependencies"
        )
        overdue = len(depth.overdue)
        tabs.get_tab("milestones").label = f"Milestones ({overdue}!)" if overdue else "Milestones"

    def _fill_tab(self, tab: str) -> None:
        """Fill one built tab from the detail and depth last read."""
        detail, depth = self.detail, self.depth
        if tab == "summary":
            self.query_one("#summary-text", Static).update(
                summary_text(detail, depth, self.origin, self.app.may(EDIT_PERMISSIONS["edit_rag"]))
            )
        elif tab == "status":
            self._fill_criteria(detail)
            fill_rag_history(self.query_one("#history", DataTable), detail.history)
            self.query_one("#trend", RagTrendStrip).show(
                [(status.criterion, detail.strip(status.criterion)) for status in detail.criteria]
            )
            self.fill_confidence()
        elif tab in RECORD_TABLES:
            self._fill_records(tab)
        elif tab == "savings":
            fill_savings(self.query_one("#savings-lines", DataTable), depth)
        elif tab == "children":
            children = self.query_one("#children-table", DataTable)
            children.clear()
            for child in detail.children:
                children.add_row(
                    child.code, child.name, child.kind, rag_badge(child.rag), key=child.code
                )
        elif tab == "audit":
            fill_history(self.query_one("#history-table", DataTable), depth)
        else:
            self.fill_benefits()

    def _fill_records(self, tab: str) -> None:
        """Risks, dependencies or milestones, keeping each table's cursor on its record."""
        depth = self.depth
        tables = {name: self.query_one(f"#{name}", DataTable) for name in RECORD_TABLES[tab]}
        kept = {name: (row_key(table), table.cursor_row) for name, table in tables.items()}
        if tab == "risks":
            fill_risks(tables["risks-table"], depth.risks)
        elif tab == "dependencies":
            fill_dependencies(tables["incoming-table"], depth.incoming, True)
            fill_dependencies(tables["outgoing-table"], depth.outgoing, False)
        else:
            fill_milestones(tables["milestones-table"], depth)
        for name, table in tables.items():
            put_cursor(table, *kept[name])
        if self.select_after_load is not None:
            name, key = self.select_after_load
            if name.lstrip("#") in tables:
                self.select_after_load = None
                put_cursor(tables[name.lstrip("#")], key)
                tables[name.lstrip("#")].focus()
        if tab == "risks":
            self._show_risk()

    @on(TabbedContent.TabActivated, "#detail-tabs")
    async def _tab_changed(self, event: TabbedContent.TabActivated) -> None:
        await self.build_tab(event.pane.id)
        self.refresh_bindings()

    @on(DataTable.RowHighlighted)
    def _row_changed(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected, "#risks-table")
    @on(DataTable.RowSelected, "#milestones-table")
    @on(DataTable.RowSelected, "#incoming-table")
    @on(DataTable.RowSelected, "#outgoing-table")
    def _record_clicked(self, event: DataTable.RowSelected) -> None:
        """A click on a record opens it (`enter` is the screen's own binding)."""
        event.control.focus()
        tab = self.active_tab()
        if not self.refused("edit_record", (tab,)):
            self.action_edit_record(tab)

    @on(DataTable.RowHighlighted, "#risks-table")
    def _show_risk(self) -> None:
        risks = self.depth.risks
        row = self.query_one("#risks-table", DataTable).cursor_row
        risk = risks[min(max(row, 0), len(risks) - 1)] if risks else None
        self.query_one("#risk-text", Static).update(risk_text(risk))

    def _fill_criteria(self, detail: InitiativeDetail) -> None:
        fill_criteria(self.query_one("#criteria", DataTable), detail)
        self._show_rationale()

    def highlighted_criterion(self) -> str:
        """The criterion under the cursor in the Status table, else the headline (the
        first); "" when there are no criteria."""
        if self.detail is None or not self.detail.criteria:
            return ""
        if "status" not in self.built:
            return self.detail.criteria[0].criterion
        row = self.query_one("#criteria", DataTable).cursor_row
        return self.detail.criteria[max(0, min(row, len(self.detail.criteria) - 1))].criterion

    @on(DataTable.RowHighlighted, "#criteria")
    def _show_rationale(self) -> None:
        if self.detail is None or not self.detail.criteria:
            return
        name = self.highlighted_criterion()
        status = next(s for s in self.detail.criteria if s.criterion == name)
        may_assess = self.app.may(EDIT_PERMISSIONS["edit_rag"])
        self.query_one("#rationale", Static).update(rationale_text(status, may_assess))

    @on(DataTable.RowSelected, "#criteria")
    def _edit_selected_criterion(self) -> None:
        if not self.refused("edit_rag"):
            self.action_edit_rag()

    @on(DataTable.RowSelected, "#children-table")
    def open_child(self, event: DataTable.RowSelected) -> None:
        self.app.open_initiative(str(event.row_key.value))

    async def action_show_tab(self, tab: str) -> None:
        """Switch to a tab and focus what it holds."""
        self.query_one("#detail-tabs", TabbedContent).active = tab
        await self.build_tab(tab)
        for widget in self.query(self.TAB_FOCUS[tab]):
            widget.focus()
            break

    def action_edit_rag(self) -> None:
        """Open the RAG editor for the highlighted criterion."""
        if self.detail is None:
            return
        if not self.detail.criteria:
            self.notify("No RAG criteria to rate against yet: add one on the RAG criteria screen.")
            return
        from screens.portfolio.rag_editor import RagEditorScreen

        editor = RagEditorScreen(
            code=self.detail.code,
            name=self.detail.name,
            criteria=[status.criterion for status in self.detail.criteria],
            criterion=self.highlighted_criterion(),
            period=self.period,
        )
        self.app.push_screen(editor, self._after_edit)

    def _after_edit(self, saved: AssessmentRead | None) -> None:
        if saved is None:
            return
        self.notify(
            f"Recorded {saved.criterion} {saved.period}: {saved.rag}",
            title=saved.initiative_code,
        )
        self.load()
