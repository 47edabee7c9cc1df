"""The participants function: allowlists, attendance and host moderation."""
