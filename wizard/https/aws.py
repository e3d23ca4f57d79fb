"""AWS clients for the HTTPS step, from the standard credential chain, with errors as sentences.

ACM is always asked in us-east-1: CloudFront uses certificates from that region only. Endpoints
come from boto3's own variables (`AWS_ENDPOINT_URL_ACM`, `AWS_ENDPOINT_URL_CLOUDFRONT`), which
is how tests point it at moto's server on loopback.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

# AWS's error codes are the same for every service: the Route 53 plugin keeps the one list.
from providers.aws import aws_config, aws_session
from providers.route53_errors import AUTH_CODES, DENIED_CODES, THROTTLE_CODES
from wizard.model.errors import WizardError

T = TypeVar("T")

#: The one region whose ACM certificates CloudFront accepts.
CLOUDFRONT_REGION = "us-east-1"


class AwsError(WizardError, title="AWS error"):
    """AWS refused or failed. `code` is AWS's error code, for the callers that expect one."""

    def __init__(self, message: str, *, code: str = "", title: str | None = None) -> None:
        super().__init__(message, title=title)
        self.code = code


class AwsAuthError(AwsError, title="AWS credentials not accepted"): ...


class AwsDenied(AwsError, title="Not allowed by AWS"): ...


class AwsThrottled(AwsError, title="Too many AWS requests"): ...


def action_name(method: str) -> str:
    """boto3's `request_certificate` as IAM's `RequestCertificate`."""
    return "".join(part.capitalize() for part in method.split("_"))


def _sentence(text: str) -> str:
    text = text.strip()
    return text if not text or text.endswith((".", "!", "?")) else text + "."


def error_for(service: str, method: str, exc: Any) -> AwsError:
    """A botocore ClientError as a sentence a person can act on."""
    error = exc.response.get("Error", {})
    code = str(error.get("Code", ""))
    message = _sentence(re.sub(r"\s+", " ", str(error.get("Message", ""))))
    action = f"{service}:{action_name(method)}"
    if code in AUTH_CODES:
        return AwsAuthError(
            f"AWS did not accept the credentials ({code}). Check the profile or keys, and that "
            "temporary (SSO) credentials have not expired.",
            code=code,
        )
    if code in DENIED_CODES:
        return AwsDenied(
            f"AWS accepted the credentials but they may not call {action}. The README lists the "
            "IAM policy this step needs.",
            code=code,
        )
    if code in THROTTLE_CODES:
        return AwsThrottled(
            f"AWS is limiting requests ({code}). Wait a minute and run the same command again: "
            "it continues where it stopped.",
            code=code,
        )
    status = exc.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if isinstance(status, int) and status >= 500:
        return AwsError(
            f"AWS had a server error on {action} ({code or status}). Try again in a few minutes.",
            code=code,
        )
    return AwsError(f"AWS refused {action} ({code or status}). {message}".strip(), code=code)


def call(client: Any, service: str, method: str, **kwargs: Any) -> Any:
    """One API call; every botocore failure becomes an AwsError without secrets."""
    import botocore.exceptions

    try:
        return getattr(client, method)(**kwargs)
    except botocore.exceptions.ClientError as exc:
        raise error_for(service, method, exc) from None
    except botocore.exceptions.NoCredentialsError:
        raise AwsAuthError(
            "No AWS credentials were found. Sign in with `aws sso login`, set AWS_PROFILE, or "
            "set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        ) from None
    except (botocore.exceptions.ConnectTimeoutError, botocore.exceptions.ReadTimeoutError):
        raise AwsError(
            f"AWS did not answer {service}:{action_name(method)} in time. Run the same command "
            "again: it looks for what was already made before making anything.",
            title="AWS did not answer",
        ) from None
    except botocore.exceptions.EndpointConnectionError:
        raise AwsError(
            f"Could not reach AWS ({service}). Check the network, and AWS_ENDPOINT_URL if you "
            "set it.",
            title="AWS unreachable",
        ) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise AwsError(f"Talking to AWS ({service}) failed ({type(exc).__name__}).") from None


def call_unless_gone(client: Any, service: str, method: str, gone: str, **kwargs: Any) -> Any:
    """`call`, answering None where AWS answers with the `gone` error code: the resource does
    not exist (any more)."""
    try:
        return call(client, service, method, **kwargs)
    except AwsError as err:
        if err.code == gone:
            return None
        raise


def still_there(read: Callable[[], T | None], gone: str) -> Callable[[], T]:
    """`read` for a wait: a resource that disappears while it is waited for is an AwsError."""

    def checked() -> T:
        found = read()
        if found is None:
            raise AwsError(gone)
        return found

    return checked


@dataclass
class Aws:
    """boto3 clients for ACM in us-east-1 and for CloudFront, made once per run.

    `profile` names a profile of ~/.aws/config; None uses the default chain (environment,
    shared files, SSO, instance roles).
    """

    profile: str | None = None
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    #: Attempts per call in total; botocore retries throttling and 5xx between them.
    max_attempts: int = 4
    _clients: dict[str, Any] = field(default_factory=dict)

    def _client(self, service: Literal["acm", "cloudfront"]) -> Any:
        if service in self._clients:
            return self._clients[service]
        session = aws_session(self.profile, error=AwsAuthError)
        config = aws_config(self.connect_timeout, self.read_timeout, self.max_attempts)
        if service == "acm":
            client = session.client("acm", region_name=CLOUDFRONT_REGION, config=config)
        else:
            client = session.client("cloudfront", region_name=CLOUDFRONT_REGION, config=config)
        self._clients[service] = client
        return client

    def acm(self) -> Any:
        """ACM in us-east-1, whatever the session's default region."""
        return self._client("acm")

    def cloudfront(self) -> Any:
        return self._client("cloudfront")

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()
