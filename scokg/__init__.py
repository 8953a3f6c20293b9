"""sco-kg: a knowledge graph of SCO environmental cooperation.

The import package maps the project's rooms: ``scokg.ontology`` (ontology/),
``scokg.loaders`` (loaders/), ``scokg.graph`` (graph/), ``scokg.server`` (server/)
and ``scokg.queries`` (queries/, the competency queries as data).
"""

__version__ = "0.1.0"
