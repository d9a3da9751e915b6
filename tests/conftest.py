"""Fixtures every test module may use.

`shared_dir` is the team's `../shared` folder beside the checkout (seed articles
and labelled evaluation data). Tests read it at run time and never copy from it;
where it is absent (a lone clone), the tests that need it are skipped.
"""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not (SHARED_DIR / "corpus" / "seeds").is_dir():
        pytest.skip(f"{SHARED_DIR} is not beside the checkout")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seeds_dir(shared_dir: Path) -> Path:
    return shared_dir / "corpus" / "seeds"


@pytest.fixture(scope="session")
def seed_paths(seeds_dir: Path) -> dict[str, Path]:
    """Seed files by their three-digit prefix: {"000": Path, ...}."""
    return {path.name[:3]: path for path in sorted(seeds_dir.glob("*.txt"))}


# A real PostgreSQL server, started once per session from the machine's packages
# (tests/pg.py); tests that take `postgres_url` get a fresh database each.
from pg import postgres_server, postgres_url  # noqa: E402, F401
