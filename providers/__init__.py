"""DNS host plugins. Nothing here imports the wizard core or the UI, so plugins stay light."""
