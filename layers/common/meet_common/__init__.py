"""Code shared by every LiveKit Meet function: settings, database, errors,
observability and the LiveKit helpers. Deployed as the common Lambda layer."""
