"""The messages function: chat history for late joiners."""
