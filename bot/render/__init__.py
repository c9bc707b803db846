"""Platform-neutral renderings of briefs (Markdown for the terminal and the console adapter)."""
