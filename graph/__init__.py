"""sco-kg: graph."""
