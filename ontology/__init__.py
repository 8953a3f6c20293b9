"""The SCO-KG ontology (OWL 2, ``sco.ttl``), its SHACL shapes (``shapes.ttl``), SHACL validation and HermiT reasoning."""
