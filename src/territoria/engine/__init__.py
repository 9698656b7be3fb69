"""Query engines: one protocol, a DuckDB implementation over the lake (Spark later)."""
