"""sco-kg: server."""
