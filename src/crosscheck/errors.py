"""The exception tree of crosscheck.

    CrosscheckError                 anything crosscheck raises on purpose
    ├── InputError                  one input item cannot be read; the batch goes on
    ├── SettingsError               a setting has a bad value (named in the message)
    ├── StoreError                  the store cannot do what was asked
    │   ├── SchemaError             the database schema is newer than this code, or broken
    │   └── NotFoundError           no event or article answers to the given reference
    └── ExportError                 a report cannot be written

Item-level problems (a file that is not UTF-8, an empty article) are not raised
out of a batch: readers turn them into `records.Rejected` outcomes, which the
summary counts and the exit status reports.
"""

from __future__ import annotations


class CrosscheckError(Exception):
    """Base class: the CLI prints these as one line and exits non-zero."""


class InputError(CrosscheckError):
    def __init__(self, origin: str, problem: str) -> None:
        super().__init__(f"{origin}: {problem}")
        self.origin = origin
        self.problem = problem


class SettingsError(CrosscheckError, ValueError):
    def __init__(self, setting: str, value: object, expected: str) -> None:
        super().__init__(f"setting {setting}={value!r} is invalid: expected {expected}")
        self.setting = setting
        self.value = value


class StoreError(CrosscheckError):
    pass


class SchemaError(StoreError):
    pass


class NotFoundError(StoreError, LookupError):
    def __init__(self, kind: str, reference: str) -> None:
        super().__init__(f"no {kind} matches {reference!r}")
        self.kind = kind
        self.reference = reference


class ExportError(CrosscheckError):
    pass
