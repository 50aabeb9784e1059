"""The citizen's secret (pure): alphabet, tolerant comparison, digest, seed-derived."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from sandbox.workflow.citizen_secret import (
    ALPHABET,
    LENGTH,
    is_valid_secret,
    new_secret,
    normalise,
    secret_digest,
    seeded_secret,
)


def test_secrets_avoid_look_alike_characters():
    assert not set("0O1IL") & set(ALPHABET)
    assert all(len(s) == LENGTH and set(s) <= set(ALPHABET) for s in (new_secret(),) * 20)


def test_the_secret_is_compared_tolerantly_and_stored_only_as_a_digest():
    digest = secret_digest("MRJ-T-2026-000001", "K7PM3Q")
    assert "K7PM3Q" not in digest and len(digest) == 64
    assert is_valid_secret("MRJ-T-2026-000001", " k7p-m3q ", digest)
    assert not is_valid_secret("MRJ-T-2026-000002", "K7PM3Q", digest)  # another item
    assert not is_valid_secret("MRJ-T-2026-000001", "K7PM3R", digest)
    assert not is_valid_secret("MRJ-T-2026-000001", "", None)


@given(st.integers(), st.text(max_size=30))
def test_seeded_secrets_are_deterministic_per_seed(seed, reference):
    assert seeded_secret(seed, reference) == seeded_secret(seed, reference)
    assert normalise(seeded_secret(seed, reference)) == seeded_secret(seed, reference)
