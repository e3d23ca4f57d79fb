"""Known DNS hosts: how to recognise them from NS names, and where their own docs are.

The first seven rows are the DNS-host table from Pendo's email-identity guide, with its document
titles. `underscores` is False only where a host is known to reject `_` in record names, None
where we don't know; the manual path warns in both cases when a name needs one.
"""

from __future__ import annotations

from dataclasses import dataclass
from fnmatch import fnmatchcase

from providers.lexicon.table import LEXICON_HOSTS, LexiconHost


@dataclass(frozen=True)
class DnsHost:
    id: str
    name: str
    ns_patterns: tuple[str, ...]
    #: The provider plugin that can write to it, or "manual".
    provider: str = "manual"
    docs_title: str | None = None
    underscores: bool | None = None
    #: True when the host's form wants the fully qualified name rather than the relative one.
    wants_fqdn: bool = False
    #: Domains that appear in the zone's `_domainconnect` TXT record when this host serves it.
    domainconnect: tuple[str, ...] = ()

    def matches(self, ns_name: str) -> bool:
        ns = ns_name.lower().rstrip(".")
        return any(fnmatchcase(ns, pattern) for pattern in self.ns_patterns)


CLOUDFLARE = DnsHost(
    "cloudflare",
    "Cloudflare",
    ("*.ns.cloudflare.com",),
    provider="cloudflare",
    docs_title="Managing DNS records in Cloudflare",
    underscores=True,
    domainconnect=("cloudflare.com",),
)
GODADDY = DnsHost(
    "godaddy",
    "GoDaddy",
    ("*.domaincontrol.com",),
    provider="godaddy",
    docs_title="Add a CNAME record",
    underscores=True,
    domainconnect=("godaddy.com", "secureserver.net"),
)
ROUTE53 = DnsHost(
    "route53",
    "Amazon Route 53",
    ("ns-*.awsdns-[0-9][0-9].*", "ns-*.awsdns-[0-9][0-9]"),
    provider="route53",
    docs_title="Creating records by using the Amazon Route 53 console",
    underscores=True,
    wants_fqdn=True,
)


def _through_lexicon(row: LexiconHost) -> DnsHost:
    """A host written through dns-lexicon, detected by the name servers its row lists."""
    return DnsHost(row.id, row.name, row.ns_patterns, provider=row.id, underscores=True)


HOSTS: tuple[DnsHost, ...] = (
    CLOUDFLARE,
    DnsHost(
        "dreamhost",
        "DreamHost",
        ("ns*.dreamhost.com",),
        docs_title="How do I add custom DNS records",
    ),
    GODADDY,
    DnsHost(
        "hostgator",
        "HostGator",
        ("*.hostgator.com", "*.hostgator.com.br", "*.hostgator.mx"),
        docs_title="Manage DNS Records with HostGator/eNorm",
    ),
    DnsHost(
        "namecheap",
        "Namecheap",
        ("*.registrar-servers.com",),
        docs_title="How do I add TXT/SPF/DKIM/DMARC records for my domain?",
    ),
    DnsHost(
        "namesco",
        "Names.co.uk",
        ("*.names.co.uk", "*.namesco.net"),
        docs_title="Changing your domains DNS Settings",
    ),
    DnsHost(
        "wix",
        "Wix",
        ("*.wixdns.net",),
        docs_title="Adding or Updating CNAME Records in Your Wix Account",
    ),
    ROUTE53,
    DnsHost("google", "Google Cloud DNS", ("ns-cloud-*.googledomains.com",)),
    DnsHost(
        "azure",
        "Azure DNS",
        (
            "ns*-*.azure-dns.com",
            "ns*-*.azure-dns.net",
            "ns*-*.azure-dns.org",
            "ns*-*.azure-dns.info",
        ),
    ),
    DnsHost("squarespace", "Squarespace", ("*.squarespacedns.com",)),
    DnsHost(
        "ionos",
        "IONOS",
        ("*.ui-dns.com", "*.ui-dns.de", "*.ui-dns.org", "*.ui-dns.biz"),
        domainconnect=("ionos.com", "1and1.com"),
    ),
    DnsHost("networksolutions", "Network Solutions", ("*.worldnic.com",)),
    DnsHost("bluehost", "Bluehost", ("*.bluehost.com",)),
    DnsHost("hover", "Hover", ("*.hover.com",)),
    DnsHost("ns1", "NS1", ("*.nsone.net",)),
    *(_through_lexicon(row) for row in LEXICON_HOSTS),
)


def host_for_ns(ns_names: list[str] | tuple[str, ...]) -> DnsHost | None:
    """The host whose patterns match the most of these NS names, or None."""
    best: DnsHost | None = None
    best_count = 0
    for host in HOSTS:
        count = sum(1 for ns in ns_names if host.matches(ns))
        if count > best_count:
            best, best_count = host, count
    return best


def host_for_domainconnect(txt: str) -> DnsHost | None:
    """The host named by a `_domainconnect` TXT value such as `api.cloudflare.com/client/v4/...`."""
    text = txt.lower()
    return next((h for h in HOSTS if any(d in text for d in h.domainconnect)), None)


def host_by_id(host_id: str) -> DnsHost | None:
    return next((h for h in HOSTS if h.id == host_id), None)
