"""The flags several subcommands take, each written once so they read and behave alike."""

from __future__ import annotations

import argparse

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
    parser.add_argument("--zone", help=zone_help)
    plugins = "cloudflare, godaddy, route53, rfc2136 or manual"
    if not settings:
        parser.add_argument(
            "--provider", required=True, help=f"the DNS host plugin for the records: {plugins}"
        )
        return
    parser.add_argument(
        "--provider",
        required=True,
        help=f"the DNS host plugin: {plugins}; its settings come from --set, the keyring or "
        "TRACKING_WIZARD_<PROVIDER>_<FIELD> variables",
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
        "--cacert", metavar="FILE", help=f"trust the CA certificates in FILE{where}"
    )
    parser.add_argument(
        "--resolve",
        action="append",
        default=[],
        metavar="HOST:PORT:ADDR",
        help=f"connect to ADDR for HOST:PORT{where}, like curl's --resolve (repeatable)",
    )
    parser.add_argument("--https-port", type=int, default=443, help=argparse.SUPPRESS)
