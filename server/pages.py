"""Placeholder blueprint, filled in by its owner."""
from __future__ import annotations

from flask import Blueprint, render_template

bp = Blueprint("pages", __name__)


@bp.get("/")
def home() -> str:
    """The home page."""
    return render_template("base.html")
