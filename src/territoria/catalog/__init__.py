"""The catalogue: metadata of organisations, datasets and their immutable versions (SQLAlchemy)."""

# every model module registers its tables on ``models.Base.metadata`` (migrations compare them)
from territoria.catalog import pack_installations as pack_installations
from territoria.catalog import territory_groups as territory_groups
