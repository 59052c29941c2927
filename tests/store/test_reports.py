"""The quarterly board pack against the demo portfolio: every section the issue lists."""

from __future__ import annotations

import pytest

from store.errors import InputError
from store.front_door.types import Outcome as ProposalOutcome
from store.reports.pack import build_pack, render, write_report
from tui.cli import main


@pytest.fixture
def pack_md(demo_store) -> str:
    return render(build_pack(demo_store, "2011-Q1"), "md")


def test_sections_in_order(demo_store):
    pack = build_pack(demo_store, "2011-Q1")
    assert [s.key for s in pack.sections] == [
        "rag_by_group",
        "key_programmes",
        "changes",
        "overdue_milestones",
        "top_risks",
        "dependencies_at_risk",
        "savings",
        "star_chamber",
        "front_door",
        "baseline",
        "benefits",
        "delivery_confidence",
    ]
    assert (pack.previous_period, str(pack.ends)) == ("2010-Q4", "2011-03-31")


def test_rag_counts_by_business_group(pack_md):
    assert "| TP | Territorial Policing | 0 | 2 | 4 | 6 |" in pack_md
    assert "| **Total** |  | **0** | **4** | **10** | **14** |" in pack_md
    assert "124 of 138 initiatives have no overall RAG for 2011-Q1." in pack_md


def test_key_programmes_have_criterion_rag_and_rationale(pack_md):
    for heading in (
        "### Developing Resource Management (DRM, DoR)",
        "### TP Development Programme (TPD, TP)",
        "### SCD Realignment Programme (SCDR, SCD)",
    ):
        assert heading in pack_md
    assert "| Risks & mitigations | **A** Amber | Eased since last quarter" in pack_md


def test_changes_since_the_previous_period_say_why(pack_md):
    assert "### Turned Amber (2)" in pack_md
    assert "| SCDR | SCD Realignment Programme | SCD | **G** Green | **A** Amber | No major" in (
        pack_md
    )
    assert "### Turned Red (0)" in pack_md and "None turned Red." in pack_md


def test_overdue_milestones_top_risks_and_dependencies(pack_md, demo_store):
    # A 2011-Q1 pack is as at the quarter's last day, though today is 13 June 2011: a
    # milestone due on 3 June is not overdue in it, and is in the 2011-Q2 pack.
    assert "Milestones not done whose expected date had passed on 2011-03-31." in pack_md
    early_departures = (
        "| TPD | Early departure schemes open for three projects | 2011-06-03 | 2011-06-03 | 0 |"
        " in progress |"
    )
    assert early_departures not in pack_md
    later = render(build_pack(demo_store, "2011-Q2"), "md")
    assert "Milestones not done whose expected date had passed on 2011-06-13." in later
    assert early_departures in later
    assert (
        "| TPD | Budget pressure if redeployment through workforce planning is slow | 4 | 5 |"
        " 20 |" in pack_md
    )
    assert "| TPD-PA | DRM-CRE | Decisions on which front counters stay open |" in pack_md


def test_savings_totals_and_remaining_gap(pack_md):
    assert "| **Total service improvement** |  | **-85.7** | **-153.5** | **-183.9** |" in pack_md
    assert "| **Remaining budget gap** |  | **0.0** | **92.8** | **174.3** |" in pack_md


def test_star_chamber_decisions_of_the_period_with_counts(demo_store):
    text = render(build_pack(demo_store, "2011-Q2"), "md")
    # Request 12's approval was corrected to approved with conditions: the correction
    # replaced it, so it is counted once (listed twice, each saying which it is).
    assert "| Approved | 6 |" in text and "| Rejected | 3 |" in text
    assert "| **Total** | **16** |" in text
    assert "Approved (corrected)" in text and "(correction)" in text


def test_front_door_decisions_of_the_period(demo_store):
    text = render(build_pack(demo_store, "2021-Q2"), "md")
    section = text.split("## 9. Front door decisions")[1].split("## 10.")[0]
    assert section.count("\n| 2021-0") == 14
    assert ProposalOutcome.ACCEPTED.label in section
    assert ProposalOutcome.RETURNED.label in section


def test_tier_complexity_baseline(pack_md):
    assert "| Transform | 16 | 27 | 0 | 43 |" in pack_md
    assert "| **Total** | **20** | **86** | **27** | **133** |" in pack_md


def test_html_is_self_contained_and_rag_cells_have_colour_and_letter(demo_store, tmp_path):
    path = write_report(tmp_path, build_pack(demo_store, "2011-Q1"), "html")
    assert path.name == "board-pack-2011-Q1.html"
    html = path.read_text(encoding="utf-8")
    assert '<td class="rag rag-A">A &middot; Amber</td>' in html
    assert "@media print" in html and "break-before: page" in html
    for remote in ("http://", "https://", "<script", "<link", "@import", "src="):
        assert remote not in html


def test_bad_period_is_refused(demo_store):
    with pytest.raises(InputError, match="period"):
        build_pack(demo_store, "2011-Q5")


def test_report_command_writes_the_file(demo_path, tmp_path, capsys, frozen_clock):
    out = tmp_path / "pack.md"
    args = ["report", "--db", str(demo_path), "--period", "2011-Q1", "--format", "md"]
    assert main([*args, "-o", str(out)]) == 0
    assert '"period": "2011-Q1"' in capsys.readouterr().out
    assert out.read_text(encoding="utf-8").startswith("# Change portfolio: quarterly board pack")
