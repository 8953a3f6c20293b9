"""Placeholder blueprint, filled in by its owner."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("linked_data", __name__)
