"""The ``territoria`` command line (Typer + Rich): thin commands over the service layer."""
