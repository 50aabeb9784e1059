"""Guided scenarios as data: schema, loader, the workspace view, check types and scoring.

Pure: no Flask, no database. ``sandbox.services.training`` applies a scenario's setup to a
workspace, builds the view from the database and replays solutions and pitfalls.
"""
