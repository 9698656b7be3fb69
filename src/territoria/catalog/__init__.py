"""The catalogue: metadata of organisations, datasets and their immutable versions (SQLAlchemy)."""
