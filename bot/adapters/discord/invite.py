"""The OAuth2 URL that adds briefbot to a Discord server.

Scopes: ``bot`` (join the server as a bot user) and ``applications.commands`` (register
``/brief``). Permissions: View Channels, Send Messages, Create Public Threads and Send Messages
in Threads (a digest's stories go into a thread started from its parent message), Embed Links,
Attach Files (the ``/brief trends`` chart), Read Message History and Use Application Commands:
the least the bot needs to answer, post digests and, after a crash, confirm from the channel's
history whether a digest went out.
"""

from __future__ import annotations

import discord

SCOPES = ("bot", "applications.commands")


def required_permissions() -> discord.Permissions:
    """The permissions the bot asks for when invited."""
    return discord.Permissions(
        view_channel=True,
        send_messages=True,
        send_messages_in_threads=True,
        create_public_threads=True,
        embed_links=True,
        attach_files=True,
        read_message_history=True,
        use_application_commands=True,
    )


def invite_url(application_id: str | int) -> str:
    """The invite URL for application ``application_id`` (its numeric id), via :func:`discord.utils.oauth_url`."""
    return discord.utils.oauth_url(int(application_id), permissions=required_permissions(), scopes=SCOPES)
