"""Topic digests: pending articles → near-duplicate stories → compact briefs → a Digest, delivered exactly once."""
