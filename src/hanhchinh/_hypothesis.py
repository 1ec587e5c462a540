"""The ``hypothesis`` entry point: ``st.from_type`` for hanhchinh's public types.

Hypothesis calls :func:`_register` while it is itself being imported, so this module imports
neither Hypothesis at module level nor :mod:`hanhchinh.testing` (which imports Hypothesis):
each strategy is deferred until it is first drawn from.
"""

from __future__ import annotations

import importlib


def _register() -> None:
    from hypothesis import strategies as st

    from hanhchinh.calendar import DayOff, OfficeHours, WorkCalendar
    from hanhchinh.dossiers import Dossier, Event, WorkflowPolicy
    from hanhchinh.procedures import Catalog, Fee, Procedure, ProcessingTime
    from hanhchinh.sla import CountingRule, Deadline, ReceptionRule, SlaClock

    def lazy(name: str) -> st.SearchStrategy[object]:
        return st.deferred(lambda: getattr(importlib.import_module("hanhchinh.testing"), name)())

    for kind, name in (
        (OfficeHours, "office_hours"),
        (WorkCalendar, "work_calendars"),
        (DayOff, "days_off"),
        (ProcessingTime, "processing_times"),
        (Fee, "fees"),
        (Procedure, "procedures"),
        (Catalog, "catalogs"),
        (Deadline, "deadlines"),
        (Dossier, "dossiers"),
        (CountingRule, "counting_rules"),
        (ReceptionRule, "reception_rules"),
        (Event, "events"),
        (WorkflowPolicy, "workflow_policies"),
        (SlaClock, "sla_clocks"),
    ):
        st.register_type_strategy(kind, lazy(name))
