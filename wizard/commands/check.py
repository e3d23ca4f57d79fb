"""`tracking-wizard check HOST`: is this tracking host ready for links?"""

from __future__ import annotations

import argparse
import json

from wizard.app.presentation import CHECK_MARK
from wizard.commands import EXIT_OK, EXIT_PROBLEM, EXIT_USAGE, flags, report_error
from wizard.model.errors import UsageError, WizardError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "host", type=flags.domain_name, help="the tracking host, such as links.example.com"
    )
    parser.add_argument(
        "--vendor",
        default="generic",
        help="pendo-us, pendo-eu, customerio-us, customerio-eu or generic (default)",
    )
    parser.add_argument("--json", action="store_true", help="print JSON")
    flags.https_check(parser)
    flags.resolvers(parser, "DNS server to ask")
    parser.add_argument("--http-port", type=int, default=80, help=argparse.SUPPRESS)
    parser.add_argument("--timeout", type=flags.seconds, default=5.0, help="seconds per request")


def run(args: argparse.Namespace) -> int:
    from wizard.model.servers import servers_from
    from wizard.readiness import Reach, check_tracking_host, parse_resolve
    from wizard.vendors import load_profile
    from wizard.zones import make_resolver

    try:
        profile = load_profile(args.vendor)
        try:
            resolve = parse_resolve(args.resolve)
        except ValueError as exc:
            raise UsageError(str(exc)) from None
        servers = servers_from(args.resolver, flags.RESOLVERS_ENV)
        reach = Reach(resolve, args.http_port, args.https_port, args.cacert, args.timeout)
        results = check_tracking_host(
            args.host, profile, resolver=make_resolver(servers, args.timeout), reach=reach
        )
    except WizardError as err:
        return report_error(err) if not isinstance(err, UsageError) else _usage(err)
    if args.json:
        print(
            json.dumps(
                {"host": args.host, "vendor": profile.id, "checks": [r.to_json() for r in results]},
                indent=2,
            )
        )
    else:
        print(f"Readiness of {args.host} for {profile.label} tracked links:")
        for result in results:
            print(f"  {CHECK_MARK[result.status]} {result.name:<6} {result.summary}")
            if result.detail and result.status != "ok":
                print(f"           {result.detail}")
    return EXIT_PROBLEM if any(r.status == "failed" for r in results) else EXIT_OK


def _usage(err: UsageError) -> int:
    report_error(err)
    return EXIT_USAGE
