"""The tokens function: the public room summary and LiveKit join tokens."""
