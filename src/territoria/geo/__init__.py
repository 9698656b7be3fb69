"""The official geography (COG 2026): territories, hierarchy, old codes, reference resolution."""
