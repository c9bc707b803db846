"""The Discord adapter (discord.py): the ``/brief`` application command and embeds within Discord's limits."""
