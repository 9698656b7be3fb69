"""``territoria serve``: run the platform (APIs, docs, portal) for an instance with uvicorn."""

from typing import Annotated

import typer

from territoria.cli.state import guarded, out, settings

HostOpt = Annotated[
    str | None, typer.Option("--host", help="Adresse d'écoute / listen address (127.0.0.1)")
]
PortOpt = Annotated[int | None, typer.Option("--port", help="Port TCP / TCP port (8000)")]


def run_server(host: str | None, port: int | None, home_settings: object | None = None) -> None:
    """Serve the instance of the current settings until interrupted (Ctrl-C)."""
    import uvicorn

    from territoria.config import Settings
    from territoria.server import create_server_app, warm_up

    chosen = home_settings if isinstance(home_settings, Settings) else settings()
    listen_host = host or chosen.host
    listen_port = port if port is not None else chosen.port
    app = create_server_app(chosen)  # refuses a missing or outdated instance before listening
    warm_up(app)  # the first pages then answer as fast as the next ones
    out().print(
        f"Territoria sert {chosen.home.resolve()} sur http://{listen_host}:{listen_port}/ "
        f"(documentation : /docs)\nServing on http://{listen_host}:{listen_port}/ (docs: /docs)",
        markup=False,
    )
    uvicorn.run(app, host=listen_host, port=listen_port, log_level="warning", access_log=False)


@guarded
def serve(host: HostOpt = None, port: PortOpt = None) -> None:
    """Servir le portail et les API / serve the portal and the APIs (with their docs)."""
    run_server(host, port)
