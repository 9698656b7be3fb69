"""``territoria init`` and ``territoria demo``: create an instance, or a demo one with real data."""

import secrets
from pathlib import Path
from typing import Annotated

import typer

from territoria.cli import progress
from territoria.cli.datasets import print_datasets
from territoria.cli.state import OPTIONS, guarded, out, settings

DEMO_HOME = Path("var/demo")


@guarded
def init(
    home: Annotated[
        Path | None, typer.Option("--home", help="Dossier de l'instance / instance folder")
    ] = None,
) -> None:
    """Créer une instance / create an instance (metadata database, lake)."""
    from territoria.services.instance import init_instance  # loads the catalogue stack

    instance = init_instance(settings(home))
    instance.close()
    where = instance.settings.home.resolve()
    out().print(
        f"Instance prête dans {where}\nInstance ready in {where}",
        markup=False,
    )


@guarded
def demo(
    port: Annotated[int | None, typer.Option("--port", help="Port TCP / TCP port (8000)")] = None,
    host: Annotated[
        str | None, typer.Option("--host", help="Adresse d'écoute / listen address")
    ] = None,
    serve: Annotated[
        bool,
        typer.Option("--serve/--no-serve", help="Servir ensuite / serve it afterwards"),
    ] = True,
) -> None:
    """Instance de démonstration avec des données publiques réelles, servie / demo instance,
    loaded with real public data, then served."""
    from territoria.config import load_settings
    from territoria.services import catalogue
    from territoria.services.demo import build_demo

    home = OPTIONS.home or DEMO_HOME  # --home (or TERRITORIA_HOME) chooses where, as elsewhere
    demo_settings = load_settings(home)
    if serve and demo_settings.admin_token is None:  # a fresh token, so writes can be tried
        demo_settings = demo_settings.model_copy(update={"admin_token": secrets.token_urlsafe(18)})
    with progress.steps("Démo / demo") as step:
        build_demo(demo_settings, on_file=step)
    console = out()
    datasets = catalogue.list_datasets(demo_settings)  # with the packs' and their results
    console.print(
        f"Démo prête dans {home.resolve()} : {len(datasets)} jeux de données.\n"
        f"Demo ready in {home.resolve()}: {len(datasets)} datasets.",
        markup=False,
    )
    print_datasets(datasets)
    console.print(
        f"Essayez / try: territoria --home {home} export trilib-paris --format csv",
        markup=False,
    )
    if serve:
        from territoria.cli.serve import run_server

        console.print(
            f"Jeton d'administration (écritures) / admin token (writes): "
            f"{demo_settings.admin_token}",
            markup=False,
        )
        run_server(host, port, demo_settings)
