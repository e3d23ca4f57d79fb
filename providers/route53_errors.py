"""What a botocore failure means for a person using Route 53, as one of our error sentences.

The provider base masks secret option values in whatever is raised here; AWS never echoes a
secret key, but a message may quote what it was sent.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

from wizard.model.errors import (
    AuthError,
    PermissionDenied,
    ProviderError,
    RateLimited,
    ZoneNotFound,
)

AUTH_CODES = frozenset(
    {
        "InvalidClientTokenId",
        "SignatureDoesNotMatch",
        "UnrecognizedClientException",
        "InvalidSignatureException",
        "ExpiredToken",
        "ExpiredTokenException",
        "AuthFailure",
        "IncompleteSignature",
        "MissingAuthenticationToken",
    }
)
DENIED_CODES = frozenset({"AccessDenied", "AccessDeniedException"})
THROTTLE_CODES = frozenset(
    {"Throttling", "ThrottlingException", "PriorRequestNotComplete", "RequestLimitExceeded"}
)
PERMISSIONS = (
    "route53:ListHostedZonesByName, route53:ListResourceRecordSets, "
    "route53:ChangeResourceRecordSets and route53:GetChange"
)
#: The one call that writes: a timeout there may have written.
WRITE_METHOD = "change_resource_record_sets"


def _sentence(text: str) -> str:
    return text if not text or text.endswith((".", "!", "?")) else text + "."


@contextmanager
def aws_errors(method: str) -> Iterator[None]:
    """Run one boto3 call, turning every botocore failure into a sentence."""
    import botocore.exceptions

    try:
        yield
    except botocore.exceptions.ClientError as exc:
        raise client_error(exc.response) from None
    except botocore.exceptions.NoCredentialsError:
        raise AuthError(
            "No AWS credentials were found. Choose a profile, enter an access key, or set "
            "AWS_PROFILE or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY."
        ) from None
    except (
        botocore.exceptions.ConnectTimeoutError,
        botocore.exceptions.ReadTimeoutError,
    ):
        what = (
            "The change may or may not have been made; read the zone before retrying."
            if method == WRITE_METHOD
            else "Nothing was changed."
        )
        raise ProviderError(
            f"Route 53 did not answer in time. {what}", title="Route 53 did not answer"
        ) from None
    except botocore.exceptions.EndpointConnectionError:
        raise ProviderError(
            "Could not reach Route 53. Check the network (and AWS_ENDPOINT_URL_ROUTE_53 "
            "if you set it).",
            title="Route 53 unreachable",
        ) from None
    except botocore.exceptions.BotoCoreError as exc:
        raise ProviderError(f"Talking to Route 53 failed ({type(exc).__name__}).") from None


def client_error(response: Mapping[str, Any]) -> ProviderError:
    """The error for an answer Route 53 gave with an error code."""
    error = response.get("Error", {})
    code = str(error.get("Code", ""))
    message = _sentence(str(error.get("Message", "")).strip())
    if code in AUTH_CODES:
        return AuthError(
            "AWS did not accept the credentials (" + code + "). Check the access key and "
            "secret, or the profile, and that temporary credentials have not expired."
        )
    if code in DENIED_CODES:
        return PermissionDenied(
            "AWS accepted the credentials but they may not manage this hosted zone. "
            f"The IAM identity needs {PERMISSIONS}."
        )
    if code in THROTTLE_CODES:
        return RateLimited(
            "Route 53 is limiting requests (" + code + "). Wait a minute and try again; "
            "nothing more was written.",
            retry_after=60.0,
        )
    if code == "NoSuchHostedZone":
        return ZoneNotFound(f"Route 53 has no such hosted zone. {message}".strip())
    if code == "InvalidChangeBatch":
        return ProviderError(
            f"Route 53 refused the change, and wrote nothing: {message}",
            title="Route 53 refused the change",
        )
    if code == "InvalidInput":
        return ProviderError(f"Route 53 refused the request as invalid: {message}")
    status = response.get("ResponseMetadata", {}).get("HTTPStatusCode")
    if isinstance(status, int) and status >= 500:
        return ProviderError(
            f"Route 53 had a server error ({code or status}). Nothing more was written; "
            "try again in a few minutes.",
            title="Route 53 server error",
        )
    return ProviderError(
        f"Route 53 answered with an error ({code or 'HTTP ' + str(status)}). {message}".strip()
    )
