"""Frames in Pilot tests: draw the screen when a test looks at it, not for a driver that
throws the picture away.

A Pilot test runs the app on Textual's headless driver, which discards every frame the
app draws: about a fifth of the Pilot tests' CPU. `install()` puts off an app's own
timed repaints, keeping the regions that changed, so that a burst of keys is drawn
once, as a slow terminal's next frame would be. What a person would look at is still
drawn, with every widget's `render_line`, so a paint that fails still fails its test:

- `paint(app)`, at the end of every `settle`: what changed since the last paint;
- `screen_text`, which renders the whole screen each time a test reads it;
- snapshots, which render the whole screen (`App.export_screenshot`, a full update).
"""

from __future__ import annotations

from textual._compositor import Compositor
from textual.app import App

_render_update = Compositor.render_update


def _full_updates_only(self, full=False, screen_stack=None, simplify=False):
    """A full update (a screenshot) is drawn; a timed partial repaint is put off, its
    regions kept for `paint`."""
    if full:
        return _render_update(self, full, screen_stack, simplify)
    return None


def install() -> None:
    """Draw frames only when a test looks (see the module's text); for tests only."""
    Compositor.render_update = _full_updates_only


def paint(app: App) -> None:
    """Draw what changed on the current screen since it was last drawn, as the app's
    next frame would."""
    _render_update(app.screen._compositor, False, app._background_screens)
