"""Full-text search over the catalogue: French analysis, a ranked index, facets."""
