"""The webhook function: LiveKit's signed events keep meeting state true."""
