"""The HTTP layer: one FastAPI app, one router per API, thin over the service layer."""
