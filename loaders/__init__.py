"""sco-kg: loaders."""
