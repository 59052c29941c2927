"""Text that a spreadsheet would run as a formula, stored through the real services on
top of `small_portfolio`: risk descriptions and (optional) mitigations of TPD, and the
names of displaced staff on the Posting List. Also text that genuinely starts with the
quote a CSV export puts in front of such text. (A leading tab or carriage return
cannot be stored: inputs are stripped.)"""

from __future__ import annotations

from store.handle import Store
from store.programme.risks.services import create_risk
from store.star_chamber.services.posting_list import add_displaced
from tests.support.factories import small_portfolio

FORMULAS = (
    "=Use second supplier",
    '=HYPERLINK("http://x","y")',
    "+44 20 7230 1212",
    "-1 post",
    "@SUM(A1:A2)",
    "'quoted",
    "''twice quoted",
    "plain text",
)


def formula_world(store: Store) -> None:
    """small_portfolio, then a TPD risk and a displaced person for each of `FORMULAS`."""
    small_portfolio(store)
    with store.writing() as session:
        for text in FORMULAS:
            risk = {"code": "TPD", "description": text, "likelihood": 2, "impact": 3}
            create_risk({**risk, "mitigation": text}, session=session)
            add_displaced({"name": text, "grade": "C", "business_group": "TP"}, session=session)
