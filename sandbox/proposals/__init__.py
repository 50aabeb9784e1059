"""Proposals (hoja za maboresho): the pure side of the stakeholder preview.

No Flask, no database: the vocabularies a proposal and its feedback use (``enums``), and
the schemas, loaders and report arithmetic the services build on.
"""
