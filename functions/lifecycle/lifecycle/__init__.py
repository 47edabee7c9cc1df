"""The lifecycle function: activates, ends and cleans up meetings on a schedule."""
