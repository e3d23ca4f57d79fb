"""AWS sessions as the wizard makes them: from a profile, keys or the default credential chain,
with bounded timeouts and retries. Route 53 uses them here, ACM and CloudFront in wizard/https."""

from __future__ import annotations

from typing import Any

from wizard.model.errors import WizardError


def aws_session(
    profile: str | None,
    *,
    error: type[WizardError],
    key_id: str | None = None,
    secret: str | None = None,
    token: str | None = None,
) -> Any:
    """A boto3 session; a profile missing from ~/.aws/config is `error`, said in a sentence."""
    import boto3
    import botocore.exceptions

    try:
        return boto3.session.Session(
            profile_name=profile or None,
            aws_access_key_id=key_id,
            aws_secret_access_key=secret,
            aws_session_token=token,
        )
    except botocore.exceptions.ProfileNotFound:
        raise error(f"There is no AWS profile named {profile!r} in ~/.aws/config.") from None


def aws_config(connect_timeout: float, read_timeout: float, max_attempts: int) -> Any:
    """Timeouts per request, and attempts in total: botocore retries throttling and 5xx."""
    import botocore.config

    return botocore.config.Config(
        connect_timeout=connect_timeout,
        read_timeout=read_timeout,
        retries={"total_max_attempts": max_attempts, "mode": "standard"},
    )
