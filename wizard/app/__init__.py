"""The use cases both faces call: the CLI and the TUI wire the core here, once."""
