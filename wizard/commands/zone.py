"""`tracking-wizard zone NAME`: which zone holds NAME, its name servers, and its DNS host."""

from __future__ import annotations

import argparse
import json

from wizard.commands import EXIT_OK, flags, report_error
from wizard.model.errors import WizardError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", type=flags.domain_name, help="a name such as links.example.com")
    flags.resolvers(parser, "ask this DNS server instead of the system resolver")
    parser.add_argument(
        "--doh",
        action="store_true",
        help="ask over DNS-over-HTTPS from the start (public resolvers are asked so anyway "
        "once port 53 goes unanswered); without --resolver, Cloudflare's and Google's",
    )
    parser.add_argument(
        "--timeout", type=flags.seconds, default=5.0, help="seconds to wait (default 5)"
    )
    parser.add_argument("--json", action="store_true", help="print JSON")


def run(args: argparse.Namespace) -> int:
    from wizard.model.servers import servers_from
    from wizard.zones import find_zone, make_resolver

    try:
        servers = servers_from(args.resolver, flags.RESOLVERS_ENV)
        info = find_zone(args.name, make_resolver(servers, timeout=args.timeout, doh=args.doh))
    except WizardError as err:
        return report_error(err)
    if args.json:
        print(json.dumps(info.to_json(), indent=2))
        return EXIT_OK
    print(f"{info.name} lives in the zone {info.zone}")
    if info.via_https:
        print("  (asked via HTTPS: DNS-over-HTTPS, as port 53 was blocked or --doh was given)")
    for alias in info.cname_chain:
        print(f"  it is an alias (CNAME) that leads to {alias}")
    print("Name servers:")
    for ns in info.nameservers:
        print(f"  {ns.name}  {' '.join(ns.addresses) or '(no address found)'}")
    if info.host is None:
        print(
            "DNS host: not recognised. Use the manual path: add the records in your host's panel."
        )
    else:
        how = "its name servers" if info.host_source == "ns" else "its _domainconnect record"
        print(f"DNS host: {info.host.name} (recognised from {how})")
        if info.host.provider == "manual":
            print("  The wizard cannot write there itself; it will show you what to enter.")
        else:
            print(f"  The wizard can write there with --provider {info.host.provider}.")
        if info.host.docs_title:
            print(f'  Its guide: "{info.host.docs_title}"')
    return EXIT_OK
