"""Two writers creating one organisation at once: both end with the same row, none fails."""

from __future__ import annotations

import threading
from pathlib import Path

from sqlalchemy import func, select

from territoria.catalog import repository as repo
from territoria.catalog.models import Organisation
from territoria.config import Settings
from territoria.services.instance import init_instance


def test_concurrent_creations_of_one_organisation_share_it(tmp_path: Path) -> None:
    instance = init_instance(Settings(home=tmp_path / "home"))
    try:
        inserted = threading.Barrier(2)
        outcomes: list[object] = []

        def create(name: str) -> None:
            with instance.session() as session:
                try:
                    inserted.wait(timeout=10)
                    organisation = repo.get_or_create_organisation(session, "217500016", name)
                    repo.create_dataset(session, f"jeu-{name}", organisation=organisation)
                    session.commit()
                    outcomes.append(organisation.code)
                except Exception as error:  # the test reports it, never hides it
                    outcomes.append(error)

        threads = [threading.Thread(target=create, args=(n,)) for n in ("a", "b")]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert outcomes == ["217500016", "217500016"], outcomes
        with instance.session() as session:
            count = session.scalar(select(func.count()).select_from(Organisation))
            assert count == 1
            assert {d.slug for d in repo.list_datasets(session)} == {"jeu-a", "jeu-b"}
    finally:
        instance.close()
