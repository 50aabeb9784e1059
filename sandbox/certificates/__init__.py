"""Certificates of a training cohort, as pure rules: verification codes that carry their own
check, and the eligibility rule (no Flask, no database)."""
