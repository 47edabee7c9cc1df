"""Runs the whole service in one local process: pages, API and docs on one origin."""
