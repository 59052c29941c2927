"""A Footer that redraws its keys only when they change.

Textual's Footer rebuilds every key widget each time a screen says its bindings may
have changed, and screens say so often: on every focus change and every highlighted
row (to grey out keys that do not apply). On a screen with many tables that is dozens
of rebuilds, each mounting and styling a score of widgets, for one keypress. This
Footer coalesces the requests into one per refresh, and then rebuilds only when the
keys shown differ; when only which keys are enabled changed, it updates those keys in
place.

Each key bound to the footer's `compact` flag is also made with that flag already
set: a FooterKey starts compact and takes the footer's (not compact) flag once
mounted, so otherwise every key of every footer is restyled twice as it mounts.
"""

from __future__ import annotations

from textual.widgets import Footer as TextualFooter
from textual.widgets._footer import FooterKey


class Footer(TextualFooter):
    """The Footer, rebuilt only when the keys it shows change."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._pending = False
        self._shown: tuple | None = None

    def compose(self):
        """Textual's keys, each made with the footer's `compact` flag and class (the
        command palette's key, which is not bound to the flag, stays compact)."""
        for widget in super().compose():
            if isinstance(widget, FooterKey) and not widget.has_class("-command-palette"):
                widget.set_reactive(FooterKey.compact, self.compact)
                widget.set_class(self.compact, "-compact", update=False)
            yield widget

    def bindings_changed(self, screen) -> None:
        """Schedule one check of the bindings for this refresh (not one rebuild per call)."""
        self._bindings_ready = True
        if not screen.app.app_focus:
            return
        if self.is_attached and screen is self.screen and not self._pending:
            self._pending = True
            self.call_after_refresh(self._update_keys)

    def _keys(self) -> tuple[tuple, dict[tuple[str, str], bool]]:
        """What the footer would show (keys and descriptions), and each key's enabled flag."""
        shown, enabled = [], {}
        for _node, binding, is_enabled, tooltip in self.screen.active_bindings.values():
            if binding.show or binding.key == self.app.COMMAND_PALETTE_BINDING:
                shown.append((binding.key, binding.action, binding.description, tooltip))
                enabled[(binding.key, binding.action)] = is_enabled
        return (tuple(shown), self.compact, self.show_command_palette), enabled

    async def _update_keys(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown, enabled = self._keys()
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
            return
        for key in self.query(FooterKey):
            flag = enabled.get((key.key, key.action))
            if flag is not None and key.disabled == flag:
                key.disabled = not flag
