"""The stakeholder preview's use cases: proposals, invitations, joining, pairs, walkthroughs."""
