"""One module per step of the flow."""
