"""The `slow` marker of this room: long tests that still run in the default suite."""
from __future__ import annotations

import pytest


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "slow: a long test (seconds of real load); runs by default, `-m 'not slow'` skips it")
