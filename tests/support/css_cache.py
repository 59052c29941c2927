"""CSS parsed once per test process, not once per app.

Every Pilot test starts a new app, and Textual parses the whole of an app's CSS for
each one: once as it starts, and again from nothing (a new stylesheet, with an empty
cache) the first time each screen with its own CSS file is shown. That was about a
fifteenth of the Pilot tests' CPU time. `install()` keeps the rules parsed from each
source in one cache for the whole process, keyed by everything the parse depends on:
the CSS text, where it was read from, whether it is a widget's default CSS, its tie
breaker and scope, and the theme's variables. A later app is given the very rules the
first one parsed, as Textual itself gives one app's stylesheet the rules it parsed
before (its own per-stylesheet cache); rules are not changed once parsed.

CSS that does not parse still fails every test that loads it: an exception is not
cached, and rules with errors are returned again, for Textual to refuse again.
"""

from __future__ import annotations

from textual.css.model import RuleSet
from textual.css.stylesheet import Stylesheet

_parse_rules = Stylesheet._parse_rules
_PARSED: dict[tuple, list[RuleSet]] = {}


def _variables_key(sheet: Stylesheet) -> frozenset:
    """The stylesheet's variables as a key, worked out once for each dict of them (a
    stylesheet keeps its dict until the theme changes; a re-parse passes it on)."""
    variables = sheet._variables
    memo = sheet.__dict__.get("_shared_css_key")
    if memo is None or memo[0] is not variables:
        memo = (variables, frozenset(variables.items()))
        sheet.__dict__["_shared_css_key"] = memo
    return memo[1]


def _shared_parse_rules(
    self: Stylesheet,
    css: str,
    read_from,
    is_default_rules: bool = False,
    tie_breaker: int = 0,
    scope: str = "",
) -> list[RuleSet]:
    """Textual's `Stylesheet._parse_rules`, answered from the process's cache when the
    same source was parsed with the same variables before."""
    key = (css, read_from, is_default_rules, tie_breaker, scope, _variables_key(self))
    rules = _PARSED.get(key)
    if rules is None:
        rules = _parse_rules(self, css, read_from, is_default_rules, tie_breaker, scope)
        _PARSED[key] = rules
    return rules


def install() -> None:
    """Parse each CSS source once per process (see the module's text); for tests only."""
    Stylesheet._parse_rules = _shared_parse_rules
