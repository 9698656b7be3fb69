"""Replicable packs: one folder per use case (manifest, schemas, mappings, indicators, docs)."""
