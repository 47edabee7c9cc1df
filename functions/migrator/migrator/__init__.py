"""The migrations custom resource: applies the SQL migrations during each deploy."""
