"""Fixtures every test module may use.

`shared_dir` is the team's `../shared` folder beside the checkout (seed articles
and labelled evaluation data). Tests read it at run time and never copy from it;
where it is absent (a lone clone), the tests that need it are skipped.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.engine.local import ingest
from crosscheck.samples import corpus_dir
from crosscheck.store import SqliteStore
from crosscheck.store.base import Store

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(__file__).resolve().parents[2] / "shared"

# Golden files hold scores to three decimals; they are computed in the reference
# float32 arithmetic, so that they do not depend on whether the test machine's CPU
# runs the embedding model in bfloat16 (crosscheck.embed; tests/test_embed.py
# checks that path against this one).
os.environ.setdefault("CROSSCHECK_EMBED_PRECISION", "float32")


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


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    """The bundled fictional corpus, ingested once through the real pipeline (read-only use)."""
    store = SqliteStore(tmp_path_factory.mktemp("samples") / "samples.db")
    summary = ingest([str(corpus_dir())], store)
    assert summary.ok and (summary.stored, summary.reprints) == (17, 1), summary
    yield store
    store.close()


# A real PostgreSQL server, started once per session from the machine's packages
# (tests/pg.py); tests that take `postgres_url` get a fresh database each.
from pg import postgres_server, postgres_url  # noqa: E402, F401
