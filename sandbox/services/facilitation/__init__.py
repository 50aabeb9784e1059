"""The facilitator's console: the cohorts a facilitator runs, and everything done to them.

One module per area: ``cohorts`` (which cohorts a user runs), then the live room, the clock,
resets and snapshots, exports and certificates. Every service that takes a cohort id from a
URL goes through ``cohorts.cohort_run_by``, so a cohort another facilitator runs is
"not found" (404), never "forbidden".
"""
