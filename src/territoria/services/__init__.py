"""The one service layer that the CLI, the API and the portal call."""
