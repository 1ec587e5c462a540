"""Shared fixtures and Hypothesis profiles (choose with HYPOTHESIS_PROFILE=dev|ci)."""

from __future__ import annotations

import os
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, settings

from hanhchinh.calendar import WorkCalendar, vietnam_public_sector

settings.register_profile("dev", max_examples=100, deadline=None)
settings.register_profile(
    "ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))

VN = ZoneInfo("Asia/Ho_Chi_Minh")


@pytest.fixture(scope="session")
def cal() -> WorkCalendar:
    return vietnam_public_sector()
