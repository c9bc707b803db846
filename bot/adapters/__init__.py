"""Chat adapters: each translates one platform's events into core requests and replies into messages."""
