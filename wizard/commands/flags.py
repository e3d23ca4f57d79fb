"""The flags several subcommands take, each written once so they read and behave alike."""

from __future__ import annotations

import argparse
import os
import re
from pathlib import Path

AUTHORITATIVE_ENV = "TRACKING_WIZARD_AUTHORITATIVE"
RESOLVERS_ENV = "TRACKING_WIZARD_RESOLVERS"


def servers(parser: argparse.ArgumentParser, flag: str, env: str, what: str) -> None:
    """A repeatable HOST[:PORT] flag (`--resolver`, `--authoritative`) that `env` also sets."""
    parser.add_argument(
        flag,
        action="append",
        metavar="HOST[:PORT]",
        help=f"{what} (repeatable; also {env}, comma-separated)",
    )


def resolvers(parser: argparse.ArgumentParser, what: str) -> None:
    servers(parser, "--resolver", RESOLVERS_ENV, what)


def dns_host(parser: argparse.ArgumentParser, *, zone_help: str, settings: bool) -> None:
    """--zone and --provider (and with `settings`, --set): where the records are written."""
    from providers.registry import provider_ids

    parser.add_argument("--zone", type=domain_name, help=zone_help)
    plugins = ", ".join(provider_ids())
    if not settings:
        parser.add_argument(
            "--provider",
            required=True,
            help=f"the DNS host plugin for the records: {plugins} (settings: below)",
        )
        return
    parser.add_argument(
        "--provider",
        required=True,
        help=f"the DNS host plugin: {plugins}; its settings (below) come from --set, the "
        "keyring or TRACKING_WIZARD_<PROVIDER>_<SETTING> variables",
    )
    parser.add_argument(
        "--set",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="one of the DNS host's settings, such as --set timeout=30 (repeatable; secrets are "
        "better kept in the keyring or the environment than on a command line)",
    )


def https_check(parser: argparse.ArgumentParser, where: str = "") -> None:
    """--cacert, --resolve and the hidden --https-port: how the HTTPS check reaches the host."""
    parser.add_argument(
        "--cacert",
        metavar="FILE",
        type=readable_file,
        help=f"trust the CA certificates in FILE{where}",
    )
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST:PORT:ADDR",
        help=f"connect to ADDR for HOST:PORT{where}, like curl's --resolve (repeatable)",
    )
    parser.add_argument("--https-port", type=int, default=443, help=argparse.SUPPRESS)


# -- value types: argparse refuses a bad value with "argument --flag: <reason>" and exit 2 ------
_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$")


def domain_name(text: str) -> str:
    """A domain or host name (`example.com`, `links.example.com`) for --domain, --zone, HOST."""
    name = text.strip().rstrip(".")
    labels = name.split(".")
    if len(name) > 253 or len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a domain name such as example.com (labels of letters, digits, "
            "hyphens and underscores, separated by dots)"
        )
    return name


def seconds(text: str) -> float:
    """A number of seconds more than 0, for --timeout and --query-timeout."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not value > 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds more than 0")
    return value


def readable_file(text: str) -> str:
    """A file that exists and can be read, for --cacert."""
    path = Path(text)
    if not path.is_file():
        raise argparse.ArgumentTypeError(f"{text!r} is not a file")
    if not os.access(path, os.R_OK):
        raise argparse.ArgumentTypeError(f"{text!r} cannot be read (permission denied)")
    return text
