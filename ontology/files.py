"""Paths of the ontology and shapes files shipped with the package."""
from __future__ import annotations

from pathlib import Path

ONTOLOGY_PATH: Path = Path(__file__).with_name("sco.ttl")
SHAPES_PATH: Path = Path(__file__).with_name("shapes.ttl")
