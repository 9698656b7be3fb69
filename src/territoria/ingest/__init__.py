"""Reading files as tables: guards, format detection, sniffing and one reader per format."""

from territoria.ingest.open import open_table
from territoria.ingest.table import Detection, ReadOptions, SourceTable

__all__ = ["Detection", "ReadOptions", "SourceTable", "open_table"]
