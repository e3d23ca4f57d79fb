"""The Textual face of the wizard: one screen per step, all I/O in workers."""
