"""Vendor profiles are data in the package, and say what each vendor needs."""

from __future__ import annotations

import pytest

from wizard.model.errors import UsageError
from wizard.vendors import PROFILE_IDS, all_profiles, load_profile, mask_secret


def test_every_profile_loads_with_its_sentences() -> None:
    profiles = all_profiles()
    assert [p.id for p in profiles] == list(PROFILE_IDS)
    for profile in profiles:
        assert profile.next_steps and profile.revert_dns and profile.revert_vendor


@pytest.mark.parametrize(
    ("profile_id", "target", "origin", "endpoint"),
    [
        ("customerio-us", "e.customeriomail.com", None, None),
        ("customerio-eu", "e-eu.customeriomail.com", None, None),
        ("pendo-us", None, "r.us-east-1.awstrack.me", "data.pendo.io"),
        ("pendo-eu", None, "r.eu-west-1.awstrack.me", "data.eu.pendo.io"),
    ],
)
def test_region_facts(
    profile_id: str, target: str | None, origin: str | None, endpoint: str | None
) -> None:
    profile = load_profile(profile_id)
    assert (profile.cname_target, profile.cdn_origin, profile.data_endpoint) == (
        target,
        origin,
        endpoint,
    )


def test_customerio_reverts_to_its_default_tracking_domain() -> None:
    us, eu = load_profile("customerio-us"), load_profile("customerio-eu")
    assert us.default_tracking_host == "e.customeriomail.com"
    assert "https://e-eu.customeriomail.com" in eu.revert_vendor
    assert "Verify" in us.revert_vendor and "does not exist" in us.revert_vendor
    assert "Verify domain" in us.next_steps


def test_pendo_needs_https_through_a_cdn_and_verification_by_email() -> None:
    pendo = load_profile("pendo-eu")
    assert pendo.https_required
    assert "r.eu-west-1.awstrack.me" in pendo.https_how and "Host header" in pendo.https_how
    assert "verification email" in pendo.next_steps
    assert "support" in pendo.revert_vendor
    assert pendo.connect_data is not None
    assert "Track Event Shared Secret" in pendo.connect_data.track_events
    assert "device mode" in pendo.connect_data.rudderstack


def test_segment_webhook_url_per_region() -> None:
    assert (
        load_profile("pendo-us").webhook_url(" KEY123 ")
        == "https://data.pendo.io/data/segmentio/KEY123"
    )
    assert (
        load_profile("pendo-eu").webhook_url("KEY123")
        == "https://data.eu.pendo.io/data/segmentio/KEY123"
    )
    assert load_profile("customerio-us").webhook_url("KEY123") is None


def test_keys_are_shown_masked() -> None:
    assert mask_secret("0123456789abcdef") == "0123••••••••cdef"
    assert mask_secret("short") == "•••••"


def test_unknown_vendor_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="pendo-us"):
        load_profile("mailchimp")
