"""The Slack adapter (slack-bolt): ``/brief`` in Socket Mode or HTTP mode, Block Kit replies."""
