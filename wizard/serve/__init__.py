"""The wizard in a browser tab: `tracking-wizard serve` runs one wizard per browser connection
through textual-serve, safe by default (a token in the URL, the demo only off loopback)."""
