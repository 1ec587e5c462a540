"""``python -m hanhchinh``: the command line (see :mod:`hanhchinh.cli`)."""

from hanhchinh.cli import main

raise SystemExit(main())
