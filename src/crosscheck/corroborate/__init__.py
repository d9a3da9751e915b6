"""Corroboration: align an event's claims, judge them, read the framing, build the dossier.

align_claims   group claims by slot + scope, free statements by meaning
judge_group    agreed | disputed | single-source | updated, counting independent reports
frame_event    loaded wording, hedged / unattributed shares, omissions, unique additions
build_dossier  all of it for one event, ready for `crosscheck.report.dossier_*`
"""

from crosscheck.corroborate.align import align_claims
from crosscheck.corroborate.dossier import Dossier, build_dossier
from crosscheck.corroborate.framing import EventFraming, frame_event
from crosscheck.corroborate.settings import CorroborateSettings
from crosscheck.corroborate.verdict import judge_group

__all__ = [
    "CorroborateSettings",
    "Dossier",
    "EventFraming",
    "align_claims",
    "build_dossier",
    "frame_event",
    "judge_group",
]
