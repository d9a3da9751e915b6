"""The cluster package's stage modules import alone: the tuning code runs on an
accelerator machine that has torch but not spaCy or SQLAlchemy (eval/encoder.py)."""

from __future__ import annotations

import subprocess
import sys

import pytest

import crosscheck.cluster


def test_tuning_code_imports_without_the_clusterers_dependencies() -> None:
    code = (
        "import sys, crosscheck.cluster.lead_tuning\n"
        "print(sorted(m for m in ('spacy', 'sqlalchemy', 'datasketch') if m in sys.modules))"
    )
    found = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert found.stdout.strip() == "[]"


def test_the_package_still_gives_its_public_names() -> None:
    from crosscheck.cluster import ClusterSettings, EventClusterer, merge_events, split_event
    from crosscheck.cluster.clusterer import EventClusterer as defined

    assert EventClusterer is defined
    assert ClusterSettings().time_window_days > 0
    assert callable(merge_events) and callable(split_event)
    with pytest.raises(AttributeError, match="no attribute 'Clusterer'"):
        crosscheck.cluster.Clusterer  # noqa: B018
