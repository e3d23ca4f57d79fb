"""`python -m wizard` runs the same entry point as the `tracking-wizard` script."""

from wizard.cli import main

raise SystemExit(main())
