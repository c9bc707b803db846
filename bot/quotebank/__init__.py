"""The quote bank: every brief's actors, quotes and issues kept in their own tables.

Filled whenever a brief is cached (:func:`bot.store.briefs.put_brief` calls
:func:`bot.quotebank.record.record_brief`), read by ``/brief quotes``, ``/brief who``,
``/brief trends`` and the ``briefbot quotes`` / ``briefbot trends`` commands.

Modules: :mod:`~bot.quotebank.models` (tables), :mod:`~bot.quotebank.names` (name folding and
compatibility), :mod:`~bot.quotebank.speakers` (one speaker across articles),
:mod:`~bot.quotebank.record` (writing a brief's rows), :mod:`~bot.quotebank.search`
(full-text search), :mod:`~bot.quotebank.queries` (quotes and speakers),
:mod:`~bot.quotebank.trends` (actors and issues against the period before),
:mod:`~bot.quotebank.chart` (the trends PNG), :mod:`~bot.quotebank.report` (results as chat
replies), :mod:`~bot.quotebank.catchup` (briefing what is not in the bank yet) and
:mod:`~bot.quotebank.verbs` (the chat verbs). The CLI commands are in :mod:`bot.cli.quotes`.
"""
