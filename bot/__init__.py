"""briefbot: ingestion, store, bot core, chat adapters, scheduler and CLI."""

__version__ = "0.1.0"
