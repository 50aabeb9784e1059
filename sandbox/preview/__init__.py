"""The stakeholder preview: proposals, invitations, pairs, walkthroughs, feedback, report."""
