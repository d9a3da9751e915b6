"""crosscheck: turn news articles into events and show who reports what."""

__version__ = "0.1.0"
