"""What a running server holds: its settings and the instance it opened once at start."""

from __future__ import annotations

from dataclasses import dataclass

from territoria.config import Settings
from territoria.services.instance import Instance, open_instance
from territoria.services.querying import QueryService
from territoria.services.visible_versions import VisibleVersions


@dataclass
class ServerState:
    """Settings and the opened instance, shared by every request of one server process.

    The instance is opened (and recovered) once at start-up, not per request: recovery
    must not run while the server's own writes are in flight.
    """

    settings: Settings
    instance: Instance
    queries: QueryService
    """The query database, results cache, indexes and time limit of every read API."""
    visible: VisibleVersions
    """The visibility rule's answers, kept until any process commits to the catalogue."""

    @classmethod
    def open(cls, settings: Settings) -> ServerState:
        """Open the instance of ``settings`` (refused when it does not exist or is outdated)."""
        instance = open_instance(settings)
        queries = QueryService(settings, background_builds=True)
        return cls(settings, instance, queries, VisibleVersions(instance))

    def close(self) -> None:
        """Release the query database and the instance's metadata connections."""
        self.queries.close()
        self.visible.close()
        self.instance.close()
