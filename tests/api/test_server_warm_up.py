"""``territoria serve`` warms the process-wide caches before it listens, so that its first
visitors do not wait for the official geography, the contours or the templates."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

PROBE = """
import sys

from territoria.config import Settings
from territoria.geo.geography import geography
from territoria.geo.lookup import lookup_for
from territoria.server import create_server_app, warm_up
from territoria.web.templating import environment

warm_up(create_server_app(Settings(home=sys.argv[1])))
print(geography.cache_info().currsize, lookup_for.cache_info().currsize, len(environment().cache))
"""


def test_warm_up_fills_the_caches_a_first_page_needs(tmp_path: Path) -> None:
    home = tmp_path / "home"
    init = [sys.executable, "-m", "territoria.cli.main", "--home", str(home), "init"]
    subprocess.run(init, check=True, capture_output=True, timeout=60)
    # a fresh interpreter: this worker's earlier tests may have filled the caches already
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(home)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    geography_loaded, lookup_built, templates = (int(n) for n in done.stdout.split())
    assert geography_loaded == 1
    assert lookup_built == 1
    assert templates >= 10
    assert "not warmed up" not in done.stderr
