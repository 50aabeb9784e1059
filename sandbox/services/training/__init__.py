"""Training use cases: scenarios in a trainee's workspace (setup, snapshot, replay, checking)."""
