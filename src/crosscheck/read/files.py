"""Turning the paths a user gives into files to read, safely.

A folder is walked in sorted order so a run reads the same files in the same
order every time; hidden files are skipped silently (editor and VCS litter),
unknown extensions are set aside with a reason, and a symlink that leads out of
the folder is refused: reading a folder must never read what lies outside it.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from crosscheck.errors import InputError
from crosscheck.records import Rejected

SUPPORTED_SUFFIXES = frozenset({".txt", ".jsonl", ".json", ".html", ".htm"})
# Far above any article or daily feed; it stops a stray disk image from being read into memory.
MAX_FILE_BYTES = 512 * 1024 * 1024


def files_under(root: Path) -> Iterator[Path | Rejected]:
    """Files to read in a folder, sorted, hidden ones skipped, escaping symlinks rejected."""
    real_root = root.resolve()
    for folder, subfolders, names in os.walk(root):
        subfolders[:] = sorted(name for name in subfolders if not name.startswith("."))
        for name in list(subfolders):
            path = Path(folder, name)
            if path.is_symlink():
                # The folder is walked through its real path if it is inside the root,
                # so following the link would only read files twice (or loop).
                subfolders.remove(name)
                if not _inside(path, real_root):
                    yield Rejected(str(path), "symlink points outside the input folder")
        for name in sorted(names):
            if not name.startswith("."):
                yield _checked(Path(folder, name), real_root)


def read_bytes(path: Path) -> bytes:
    """The file's bytes, after checking its type and size; InputError otherwise."""
    origin = str(path)
    if not path.exists():  # before the type: a mistyped path is missing, whatever its name
        raise InputError(origin, "no such file")
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise InputError(origin, f"unsupported file type {suffix or '(no extension)'}")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(origin, f"file too large ({size} bytes; limit {MAX_FILE_BYTES})")
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(origin, "no such file") from None
    except IsADirectoryError:
        raise InputError(origin, "is a folder, not a file") from None
    except OSError as error:
        raise InputError(origin, f"unreadable file ({error.strerror or error})") from None


def _checked(path: Path, real_root: Path) -> Path | Rejected:
    if path.is_symlink() and not _inside(path, real_root):
        return Rejected(str(path), "symlink points outside the input folder")
    return path


def _inside(path: Path, real_root: Path) -> bool:
    return path.resolve().is_relative_to(real_root)
