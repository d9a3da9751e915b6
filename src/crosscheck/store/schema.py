"""The tables, as the latest migration leaves them (SQLAlchemy Core, both dialects).

Article columns carry the names of `records.Article` fields so a row and the
record's JSON form (`crosscheck.codec`) map one to one. Derived records that are
only ever read whole (facts, sentence pairs, removed spans) are stored as JSON.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

# SQLite only makes an INTEGER PRIMARY KEY an auto-numbered row id; PostgreSQL
# gets a 64-bit identity so ingest order never runs out.
_SEQUENCE = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

articles = sa.Table(
    "articles",
    metadata,
    sa.Column("ingested_seq", _SEQUENCE, primary_key=True, autoincrement=True),
    sa.Column("id", sa.String(128), nullable=False, unique=True),
    sa.Column("source_id", sa.Text, nullable=False, index=True),
    sa.Column("url", sa.Text),
    sa.Column("outlet", sa.Text),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("published", sa.String(40)),  # ISO 8601 as written: keeps the UTC offset
    sa.Column("published_precision", sa.String(16), nullable=False),
    sa.Column("language", sa.String(16), nullable=False),
    sa.Column("paragraphs", sa.JSON, nullable=False),
    sa.Column("removed", sa.JSON, nullable=False),
)

sentences = sa.Table(
    "sentences",
    metadata,
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("idx", sa.Integer, primary_key=True),
    sa.Column("span_start", sa.Integer, nullable=False),
    sa.Column("span_end", sa.Integer, nullable=False),
    sa.Column("paragraph", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
)

# Document MinHash signatures, so the streaming near-duplicate index can be
# rebuilt by a new process without re-reading every article body.
signatures = sa.Table(
    "signatures",
    metadata,
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("published", sa.String(40)),
    sa.Column("digest", sa.String(128), nullable=False),
    sa.Column("data", sa.LargeBinary, nullable=False),
)

facts = sa.Table(
    "facts",
    metadata,
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("data", sa.JSON, nullable=False),  # codec.to_json(ArticleFacts)
)

copy_links = sa.Table(
    "copy_links",
    metadata,
    sa.Column("source", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("target", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("score", sa.Float, nullable=False),
    sa.Column("directed", sa.Boolean, nullable=False),
    sa.Column("evidence", sa.JSON, nullable=False),
    sa.Column("sentence_pairs", sa.JSON, nullable=False),
    sa.Index("copy_links_by_target", "target"),  # the primary key serves lookups by source
)

# Other outlets' records of a stored article's very text (`copies/reprints.py`):
# the article is stored once, these say who else ran it. Added by migration 3.
reprints = sa.Table(
    "reprints",
    metadata,
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("source_id", sa.Text, primary_key=True),
    sa.Column("outlet", sa.Text, nullable=False),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("published", sa.String(40)),  # ISO 8601 as written, as in `articles`
    sa.Column("url", sa.Text),
)

events = sa.Table(
    "events",
    metadata,
    sa.Column("id", sa.String(32), primary_key=True),
    sa.Column("title", sa.Text, nullable=False),
    sa.Column("start", sa.Date),
    sa.Column("end", sa.Date),
    sa.Column("places", sa.JSON, nullable=False),
    sa.Column("entities", sa.JSON, nullable=False),
    sa.Column("merged_into", sa.String(32), sa.ForeignKey("events.id"), index=True),
)

event_members = sa.Table(
    "event_members",
    metadata,
    # One row per article: an article belongs to at most one live event.
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("event_id", sa.String(32), sa.ForeignKey("events.id"), nullable=False, index=True),
    sa.Column("position", sa.Integer, nullable=False),  # keeps Event.article_ids in order
)

# How the clusterer placed each article and why (records.Placement): the link
# probability it had, the runner-up, the events it bridged. Added by migration 4.
placements = sa.Table(
    "placements",
    metadata,
    sa.Column("article_id", sa.String(128), sa.ForeignKey("articles.id"), primary_key=True),
    sa.Column("event_id", sa.String(32), nullable=False),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("threshold", sa.Float, nullable=False),
    sa.Column("best_event", sa.String(32)),
    sa.Column("best_probability", sa.Float),
    sa.Column("runner_up", sa.String(32)),
    sa.Column("runner_up_probability", sa.Float),
    sa.Column("merged", sa.JSON, nullable=False),
    sa.Column("signals", sa.JSON, nullable=False),
)

constraints = sa.Table(
    "constraints",
    metadata,
    sa.Column("id", _SEQUENCE, primary_key=True, autoincrement=True),
    sa.Column("kind", sa.String(16), nullable=False),
    sa.Column("first", sa.String(128), nullable=False),
    sa.Column("second", sa.String(128), nullable=False),
    sa.UniqueConstraint("kind", "first", "second", name="constraints_once"),
)

state = sa.Table(
    "state",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

# Clustering's profiles, event sums and posting lists (cluster/state.py): packed
# binary records, read by the dozen per article. Added by migration 2: they were
# JSON text in `state`, and base64 plus JSON decoding was most of a read.
cluster_state = sa.Table(
    "cluster_state",
    metadata,
    sa.Column("key", sa.String(200), primary_key=True),
    sa.Column("value", sa.LargeBinary, nullable=False),
)

# Counters hand out ids that must never repeat (event ids survive merges).
counters = sa.Table(
    "counters",
    metadata,
    sa.Column("name", sa.String(64), primary_key=True),
    sa.Column("value", sa.BigInteger, nullable=False),
)

schema_version = sa.Table(
    "schema_version",
    metadata,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("description", sa.Text, nullable=False),
    sa.Column("applied_at", sa.String(40), nullable=False),
)
