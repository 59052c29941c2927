"""The terminal sizes screens lay themselves out for.

Every screen carries `-narrow` (under `NARROW_BELOW` columns) or `-wide`, and `-short`
(under `SHORT_BELOW` rows) or `-tall`, so a screen's .tcss can fit an 80x24 laptop
terminal (`MyScreen.-short #panel { height: 3; }`) and keep its roomier layout
elsewhere. The App sets them (Textual's breakpoints).
"""

from __future__ import annotations

NARROW_BELOW = 110
SHORT_BELOW = 32

HORIZONTAL = [(0, "-narrow"), (NARROW_BELOW, "-wide")]
VERTICAL = [(0, "-short"), (SHORT_BELOW, "-tall")]
