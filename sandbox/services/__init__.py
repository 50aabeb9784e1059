"""Use cases as functions: the only layer that commits."""
