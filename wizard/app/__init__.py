"""The use cases both faces call: each journey step composed once, for the CLI and the TUI."""
