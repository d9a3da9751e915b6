"""A real, throwaway PostgreSQL server for tests, started from the machine's packages.

Fixtures (register them in a conftest with `from pg import postgres_server, postgres_url`):

- `postgres_server` (session): runs `initdb` into a fresh temporary folder, starts
  `postgres` on a free loopback port (unix socket in that folder too), and stops
  it and removes the folder at the end. Where no PostgreSQL binaries are found,
  the tests that ask for it are skipped, saying so. Set CROSSCHECK_TEST_PG_URL
  (an admin URL such as postgresql://postgres@localhost/postgres) to use a
  server you already run instead.
- `postgres_url` (function): a URL to a new, empty database on that server,
  dropped after the test.

PostgreSQL refuses to run as root, so as root the server runs as `nobody`.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import count
from pathlib import Path

import psycopg
import pytest

ADMIN_URL_VARIABLE = "CROSSCHECK_TEST_PG_URL"
SUPERUSER = "crosscheck"
UNPRIVILEGED_USER = "nobody"
# Settings for a server whose data dies with the test run: durability buys nothing.
FAST_UNSAFE = ("-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")


def find_postgres_bin() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres, or None."""
    candidates = [shutil.which("initdb"), "/usr/local/bin/initdb"]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    for candidate in candidates:
        if candidate and os.access(candidate, os.X_OK):
            folder = Path(candidate).resolve().parent
            if (folder / "pg_ctl").exists() and (folder / "postgres").exists():
                return folder
    return None


@dataclass
class PostgresServer:
    admin_url: str  # postgresql://user@host:port/postgres
    _numbers: count[int] = field(default_factory=lambda: count(1))

    def url_for(self, database: str) -> str:
        return self.admin_url.rsplit("/", 1)[0] + "/" + database

    def create_database(self) -> str:
        name = f"crosscheck_test_{os.getpid()}_{next(self._numbers)}"
        self._admin(f'CREATE DATABASE "{name}"')
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        # Database names cannot be bound parameters; ours are generated above.
        with psycopg.connect(self.admin_url, autocommit=True) as connection:
            connection.execute(statement.encode())


@dataclass
class _LocalCluster:
    bin_dir: Path
    root: Path
    port: int
    run_as: list[str]

    @property
    def data_dir(self) -> Path:
        return self.root / "data"

    def start(self) -> None:
        self._run("initdb", "-D", str(self.data_dir), "-U", SUPERUSER, "-A", "trust", "-E", "UTF8",
                  "--locale=C", "--no-sync")  # fmt: skip
        options = " ".join(
            ["-p", str(self.port), "-h", "127.0.0.1", "-k", str(self.root), *FAST_UNSAFE]
        )
        self._run("pg_ctl", "-D", str(self.data_dir), "-l", str(self.root / "server.log"), "-w",
                  "-t", "60", "-o", options, "start")  # fmt: skip

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data_dir), "-m", "immediate", "-w", "stop")

    def log_tail(self) -> str:
        log = self.root / "server.log"
        return log.read_text(errors="replace")[-2000:] if log.exists() else "(no server log)"

    def _run(self, program: str, *arguments: str) -> None:
        command = [*self.run_as, str(self.bin_dir / program), *arguments]
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
        if done.returncode != 0:
            raise RuntimeError(
                f"{program} failed:\n{done.stdout}\n{done.stderr}\n{self.log_tail()}"
            )


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _run_as() -> tuple[list[str], int | None]:
    """The command prefix to run as an unprivileged user, and that user's uid."""
    if os.geteuid() != 0:
        return [], None
    try:
        user = pwd.getpwnam(UNPRIVILEGED_USER)
    except KeyError:
        pytest.skip(f"running as root and there is no {UNPRIVILEGED_USER!r} user to run PostgreSQL")
    return ["runuser", "-u", UNPRIVILEGED_USER, "--"], user.pw_uid


def _wait_until_ready(url: str, cluster: _LocalCluster) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            psycopg.connect(url, connect_timeout=2).close()
            return
        except psycopg.OperationalError:
            if time.monotonic() > deadline:
                raise RuntimeError(
                    f"PostgreSQL did not accept connections:\n{cluster.log_tail()}"
                ) from None
            time.sleep(0.2)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if os.environ.get(ADMIN_URL_VARIABLE):
        yield PostgresServer(os.environ[ADMIN_URL_VARIABLE])
        return
    bin_dir = find_postgres_bin()
    if bin_dir is None:
        pytest.skip(
            "PostgreSQL binaries (initdb, pg_ctl, postgres) not found on PATH, in /usr/local/bin "
            f"or /usr/lib/postgresql/*/bin: install postgresql, or set {ADMIN_URL_VARIABLE}"
        )
    run_as, uid = _run_as()
    # Not pytest's tmp_path: its parent is private to root, and the server runs as `nobody`.
    root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
    if uid is not None:
        os.chown(root, uid, -1)
    cluster = _LocalCluster(bin_dir, root, _free_port(), run_as)
    try:
        cluster.start()
        server = PostgresServer(f"postgresql://{SUPERUSER}@127.0.0.1:{cluster.port}/postgres")
        _wait_until_ready(server.admin_url, cluster)
        yield server
    finally:
        if (cluster.data_dir / "postmaster.pid").exists():
            cluster.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    """A new, empty database; the URL uses the plain "postgresql://" scheme."""
    name = postgres_server.create_database()
    yield postgres_server.url_for(name)
    postgres_server.drop_database(name)
