"""How a use case ended, read the same way for an apply, a revert and an HTTPS run."""

from __future__ import annotations

from wizard.model.errors import PlanError, WizardError


class Outcome:
    """What every outcome says about its end; each outcome declares `error` as its own field.

    A use case never raises a WizardError to its face: it returns the error here, so the CLI
    and the TUI each show it once, the same way.
    """

    error: WizardError | None

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def refused(self) -> bool:
        """Stopped before writing or making anything: a PlanError (not the reviewed plan, a
        conflict at the host, or no yes to a replace)."""
        return isinstance(self.error, PlanError)
