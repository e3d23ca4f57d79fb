"""The hand-kept table of DNS hosts written through dns-lexicon: one row per host, as data.

dns-lexicon speaks to many hosts through one interface, but its backends differ in what they do
to a record (a priority dropped, quotes stripped, a whole set rewritten, a default TTL of 3600).
So no backend is used unless its row here says what it writes exactly, each fact proven by that
host's own fake and round trip in the tests (`tests/test_lexicon_<host>.py`). A row starts with
the types every backend writes plainly (A, AAAA, CNAME, short TXT) and is widened only by a test.
Namecheap, Hover and the other web-panel scrapers have no row: they are never enabled.

This module imports nothing of lexicon; the plugin (providers.lexicon.plugin) does, when used.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from providers.options import Option, SecretOption, TextOption, Value

#: The types every backend writes plainly; a row widens this only where a test proves more.
PLAIN_TYPES: frozenset[str] = frozenset({"A", "AAAA", "CNAME", "TXT"})

#: How a record's MX priority travels through the backend: the `lexicon:priority` setting, in
#: the content ("10 mail.example.com"), or not at all (MX is then not written).
MxPriority = Literal["option", "content"] | None


@dataclass(frozen=True)
class LexiconHost:
    """One DNS host, and exactly how far its dns-lexicon backend can be trusted."""

    #: Our provider id (`--provider ID`, the entry point's name).
    id: str
    name: str
    #: The backend's module under `lexicon._private.providers`.
    backend: str
    #: The credentials a person gives, typed, each saying where to get it and the least it needs.
    options: tuple[Option, ...]
    #: Our option name -> the backend's provider option name.
    settings: Mapping[str, str]
    #: The host's real API address: the default of the advanced `api_address` setting.
    api_address: str
    #: How that address reaches the backend: "attr:NAME" sets the attribute on the backend
    #: after it is built, "option:NAME" passes it as the backend's provider option NAME.
    endpoint: str
    #: The host's documentation of the API the backend calls (and the fake is built from).
    docs: str
    #: Name-server patterns (fnmatch) that name this host in the zone step.
    ns_patterns: tuple[str, ...]
    #: What this host cannot take through its backend, in one sentence for README and the plan.
    limits: str
    record_types: frozenset[str] = PLAIN_TYPES
    #: The TTLs the host accepts, lowest and highest.
    ttl_range: tuple[int, int] = (300, 86400)
    #: Written when the vendor gave no TTL (the backend would write 3600 without saying so).
    default_ttl: int = 3600
    #: TXT values longer than 255 characters (a DKIM key) proven to round-trip.
    long_txt: bool = False
    #: `update_record(identifier=…)` changes that one record only; otherwise an update is a
    #: delete of that record by its id, then a create.
    update_by_id: bool = False
    #: CNAME, MX and NS targets are sent with a trailing dot.
    target_dot: bool = False
    mx_priority: MxPriority = None
    #: The priority goes to the backend as an integer (the backend passes it into a JSON body
    #: whose schema says integer); otherwise as a string, which some backends need.
    priority_int: bool = False
    #: Names are listed one at a time (`list_records(name=…)`), where the backend reads only
    #: the first page of a whole zone; otherwise the zone is listed once.
    list_by_name: bool = False
    #: Characters a TXT value may not hold: dns-lexicon's backends put a value in quotes (or
    #: take it out of them) without escaping a quote or a backslash inside, so such a value
    #: would not arrive as given.
    txt_refused: str = '"\\'
    #: TXT content is sent in double quotes, and listed back in them.
    txt_quoted: bool = False
    #: An RRset has one TTL at this host (see Capabilities.ttl_per_set): a value added beside
    #: values that stay is written with their TTL, so theirs does not move.
    ttl_per_set: bool = False
    #: The TTL a set's other values are left with when the backend removes one value (it
    #: rewrites the set without a TTL and the host gives it this one; Gandi: 10800). Where set,
    #: a value is written or removed beside values that stay only if they have this TTL, since
    #: otherwise that removal (or a revert's) would move theirs. None: a removal leaves them.
    set_rewrite_ttl: int | None = None
    #: False: the backend writes every record with the host's default TTL whatever
    #: `lexicon:ttl` says (see Capabilities.ttl_settable).
    ttl_settable: bool = True
    #: The TTL the host lists for a record left at its default (Linode's 0): read as no TTL.
    automatic_ttl: int | None = None
    #: The name given to the backend for the zone apex, where the host wants a word for it
    #: (DigitalOcean's "@") rather than the zone's own name.
    apex: str | None = None
    #: The backend's id names one record and deletes just it; otherwise (Hetzner's RRSets have
    #: no ids; Gandi's "id" is the name, and deleting by it removes every type there) a
    #: delete names the record's type, name and content.
    record_ids: bool = True
    #: Backend provider options fixed for this host (an API flavour, say), never from a person.
    fixed: Mapping[str, str] = field(default_factory=dict)


def _token(what: str, where: str, *, name: str = "token", label: str = "API token") -> Option:
    return SecretOption(name, label, what, where=where)


DIGITALOCEAN = LexiconHost(
    id="digitalocean",
    name="DigitalOcean",
    backend="digitalocean",
    options=(
        _token(
            "A DigitalOcean personal access token.",
            "DigitalOcean control panel → API → Tokens → Generate New Token; custom scopes: "
            "domain read, create, update and delete (nothing else).",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.digitalocean.com/v2",
    endpoint="attr:api_endpoint",
    docs="https://docs.digitalocean.com/reference/api/digitalocean/#tag/Domain-Records",
    ns_patterns=("ns1.digitalocean.com", "ns2.digitalocean.com", "ns3.digitalocean.com"),
    limits="MX not written (lexicon's backend sends no priority and lists none).",
    ttl_range=(30, 2147483647),
    default_ttl=1800,
    update_by_id=True,
    target_dot=True,
    long_txt=True,
    apex="@",
)

VULTR = LexiconHost(
    id="vultr",
    name="Vultr",
    backend="vultr",
    options=(
        _token(
            "A Vultr API key.",
            "Vultr customer portal → Account → Users → Add User with API enabled and only the "
            "DNS permission; use that user's API key, and under Access Control allow only this "
            "computer's address.",
            label="API key",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.vultr.com/v2",
    endpoint="attr:api_endpoint",
    docs="https://www.vultr.com/api/#tag/dns",
    ns_patterns=("ns1.vultr.com", "ns2.vultr.com"),
    limits="MX, SRV and CAA not written (lexicon's backend sends MX priority 0 and lists none); "
    "a TXT value holding a double quote is refused (so does Vultr); a change is a delete then "
    "a create (the backend's update sends no TTL).",
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "NS"}),
    ttl_range=(120, 86400),
    default_ttl=300,
    long_txt=True,
)

LINODE = LexiconHost(
    id="linode",
    name="Linode (Akamai)",
    backend="linode",
    options=(
        _token(
            "A Linode personal access token.",
            "Cloud Manager → profile → API Tokens → Create a Personal Access Token; Domains "
            "Read/Write, everything else No Access.",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.linode.com/v4/",
    endpoint="attr:api_endpoint",
    docs="https://techdocs.akamai.com/linode-api/reference/post-domain-record",
    ns_patterns=("ns[1-5].linode.com",),
    limits="No TTL can be set: lexicon's backend writes every record with the domain's default "
    "TTL (ttl_sec 0; set it on the domain in Cloud Manager), so a pasted TTL is left out; MX, "
    "SRV and CAA not written (no priority sent or listed).",
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "NS"}),
    ttl_range=(300, 2419200),
    ttl_settable=False,
    automatic_ttl=0,
    long_txt=True,
    update_by_id=True,
)


@dataclass(frozen=True)
class _HetznerCloudToken(SecretOption):
    """A Hetzner Console (Cloud API) token. lexicon's backend sends a 32-character token to the
    old DNS Console API (dns.hetzner.com) instead, which this row does not speak: refused."""

    def parse(self, raw: str) -> Value:
        text = raw.strip()
        if len(text) == 32:
            raise self._refuse(
                raw,
                "is an old DNS Console token (32 characters); make a Hetzner Console API "
                "token (64 characters) in the project that holds the zone",
            )
        return text


HETZNER = LexiconHost(
    id="hetzner",
    name="Hetzner",
    backend="hetzner",
    options=(
        _HetznerCloudToken(
            "token",
            "API token",
            "A Hetzner Console API token of the project that holds the zone.",
            where="Hetzner Console → the project holding the zone → Security → API tokens → "
            "Generate API token, permission Read & Write (a project's token; Hetzner has no "
            "narrower DNS-only scope, so keep the zone in a project of its own if you can).",
        ),
    ),
    settings={"token": "auth_token"},
    # The Cloud API's zones (api.hetzner.cloud), where dns.hetzner.com zones are being moved;
    # lexicon's backend keeps the address on the inner client it picks by the token's length.
    api_address="https://api.hetzner.cloud/v1/zones",
    endpoint="attr:_hetzner_impl.API_ENDPOINT",
    docs="https://docs.hetzner.cloud/reference/cloud#zones",
    ns_patterns=("hydrogen.ns.hetzner.com", "oxygen.ns.hetzner.com", "helium.ns.hetzner.de"),
    limits="Zones in Hetzner Console (api.hetzner.cloud) only, not the old DNS Console API "
    "nor konsoleH; a value added to a set takes the set's TTL; a TXT value holding a "
    "backslash is refused (lexicon's backend does not escape it).",
    record_types=PLAIN_TYPES | {"MX"},
    ttl_range=(60, 2147483647),
    default_ttl=3600,
    long_txt=True,
    target_dot=True,
    mx_priority="content",
    ttl_per_set=True,
    apex="@",
    record_ids=False,
)

PORKBUN = LexiconHost(
    id="porkbun",
    name="Porkbun",
    backend="porkbun",
    options=(
        SecretOption(
            "api_key",
            "API key",
            "Porkbun's API key (pk1_…).",
            where="porkbun.com → Account → API Access → Create API Key (a key pair sees every "
            "domain of the account; Porkbun has no narrower scope); then turn on API Access "
            "for this domain only, in its Details on the Domain Management page.",
        ),
        SecretOption(
            "secret_key",
            "Secret API key",
            "Porkbun's secret API key (sk1_…), shown once beside the API key.",
            where="Shown once when the API key is created.",
        ),
    ),
    settings={"api_key": "auth_key", "secret_key": "auth_secret"},
    api_address="https://api.porkbun.com/api/json/v3",
    endpoint="attr:api_endpoint",
    docs="https://porkbun.com/api/json/v3/documentation",
    # curitiba, fortaleza, maceio and salvador.ns.porkbun.com (older zones list them without
    # the "ns." label).
    ns_patterns=("*.porkbun.com",),
    limits="TTL at least 600 (Porkbun's minimum; lower is stored as 600), at most 86400; "
    "a TXT value's leading and trailing spaces are dropped by Porkbun (the read-back says "
    "so); SRV and CAA not written (their content format through this backend is not "
    "proven).",
    record_types=PLAIN_TYPES | {"MX"},
    ttl_range=(600, 86400),
    default_ttl=600,
    long_txt=True,
    update_by_id=True,
    mx_priority="option",
)

GANDI = LexiconHost(
    id="gandi",
    name="Gandi",
    backend="gandi",
    options=(
        _token(
            "A Gandi personal access token (LiveDNS; the old 24-character API keys work too).",
            "admin.gandi.net → your organisation → Manage → Personal Access Tokens (or "
            "account.gandi.net → Security) → Create a token: restrict it to this domain, "
            "permission 'Manage domain name technical configurations' only, and a short expiry.",
            label="Personal access token",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.gandi.net/v5/livedns",
    endpoint="attr:api_endpoint",
    docs="https://api.gandi.net/docs/livedns/",
    ns_patterns=("ns-*.gandi.net",),
    limits=(
        "SRV, CAA, NS and TXT over 255 characters are not written (lexicon's backend cuts a "
        "long TXT's quoted strings on reading), and a record beside other values of its name "
        "and type only where they have Gandi's default TTL, 10800 (removing one value, the "
        "backend rewrites the rest at that TTL)."
    ),
    record_types=PLAIN_TYPES | {"MX"},
    ttl_range=(300, 2592000),
    default_ttl=10800,
    target_dot=True,
    mx_priority="content",
    ttl_per_set=True,
    record_ids=False,
    set_rewrite_ttl=10800,
    apex="@",
    fixed={"api_protocol": "rest"},
)

NAMECOM = LexiconHost(
    id="namecom",
    name="Name.com",
    backend="namecom",
    options=(
        TextOption(
            "username",
            "Username",
            "Your Name.com account name.",
            where="The name you sign in to name.com with (not your email address).",
        ),
        _token(
            "A Name.com production API token.",
            "name.com → Account Settings → API Settings (www.name.com/account/settings/api) → "
            "create a production token for your username (not the -test one). A token can do "
            "everything your account can: delete it when done. With two-step verification on, "
            'allow "Name.com API access" under Security.',
        ),
    ),
    settings={"username": "auth_username", "token": "auth_token"},
    api_address="https://api.name.com/v4",
    endpoint="attr:api_endpoint",
    docs="https://www.name.com/api-docs/DNS",
    ns_patterns=("ns*.name.com",),
    limits=(
        "MX is not written (lexicon's backend sends its priority but lists none, so a write "
        "cannot be confirmed), nor SRV, CAA, NS or TXT over 255 characters; the backend reads "
        "only the first 1000 records of a zone and the first 1000 domains of an account."
    ),
    ttl_range=(300, 86400),
    default_ttl=300,
    update_by_id=True,
)

OVH = LexiconHost(
    id="ovh",
    name="OVHcloud",
    backend="ovh",
    options=(
        SecretOption(
            "application_key",
            "Application key",
            "The application key of an OVHcloud API application.",
            where="https://eu.api.ovh.com/createToken/ (ca.api.ovh.com for OVHcloud Canada): "
            "rights GET /domain/zone, and GET, POST, PUT and DELETE /domain/zone/YOUR-ZONE/* "
            "(lexicon lists every zone once; nothing beyond DNS zones).",
        ),
        SecretOption(
            "application_secret",
            "Application secret",
            "The application secret shown once beside the application key.",
            where="Shown once when the token is created.",
        ),
        SecretOption(
            "consumer_key",
            "Consumer key",
            "The consumer key carrying the rights above.",
            where="Shown once when the token is created; revoke it in the API console "
            "(/me/api/credential) when done.",
        ),
    ),
    settings={
        "application_key": "auth_application_key",
        "application_secret": "auth_application_secret",
        "consumer_key": "auth_consumer_key",
    },
    api_address="https://eu.api.ovh.com/1.0",
    endpoint="attr:endpoint_api",
    docs="https://eu.api.ovh.com/console/?section=%2Fdomain",
    ns_patterns=("dns*.ovh.net", "ns*.ovh.net", "dns*.anycast.me", "ns*.anycast.me"),
    limits="SRV, CAA and NS not written (not proven through lexicon's backend); "
    "an OVHcloud Canada or US account changes the API address (https://ca.api.ovh.com/1.0, "
    "https://api.ovhcloud.com/1.0).",
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    ttl_range=(60, 86400),
    default_ttl=3600,
    long_txt=True,
    update_by_id=False,
    target_dot=True,
    mx_priority="content",
    txt_quoted=True,
    fixed={"auth_entrypoint": "ovh-eu"},
)

INFOMANIAK = LexiconHost(
    id="infomaniak",
    name="Infomaniak",
    backend="infomaniak",
    options=(
        _token(
            "An Infomaniak API token.",
            "manager.infomaniak.com/v3/infomaniak-api → Create a token with the scope "
            "'domain' only (lexicon reads the domain product, then its DNS records).",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.infomaniak.com",
    endpoint="attr:endpoint_api",
    docs="https://developer.infomaniak.com/getting-started",
    ns_patterns=("ns*.infomaniak.ch", "ns*.infomaniak.com"),
    limits="MX not written (lexicon's backend sends no priority, which Infomaniak keeps in a "
    "field of its own, and reads none); TXT over 255 characters, SRV, CAA and NS not proven.",
    ttl_range=(300, 86400),
    default_ttl=3600,
    update_by_id=False,
)

DNSIMPLE = LexiconHost(
    id="dnsimple",
    name="DNSimple",
    backend="dnsimple",
    options=(
        _token(
            "A DNSimple account access token (an account token, not a user token).",
            "DNSimple → your account → API & Access → Add access token. On Teams plans and up, "
            "give it only Zones: full access, for this zone alone; other plans' tokens reach "
            "the whole account.",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://api.dnsimple.com/v2",
    endpoint="option:api_endpoint",
    docs="https://developer.dnsimple.com/v2/zones/records/",
    ns_patterns=(
        "ns*.dnsimple.com",
        "ns*.dnsimple-edge.com",
        "ns*.dnsimple-edge.net",
        "ns*.dnsimple-edge.io",
        "ns*.dnsimple-edge.org",
    ),
    limits=(
        "TXT over 255 characters not written (DNSimple may split a long string), NS, SRV and "
        "CAA not proven; an MX at priority 0 reads back without one (lexicon drops a 0), so "
        "the read-back refuses it."
    ),
    record_types=PLAIN_TYPES | {"MX"},
    ttl_range=(60, 259200),
    default_ttl=3600,
    update_by_id=True,
    mx_priority="option",
    priority_int=True,
    list_by_name=True,
    txt_quoted=True,
)

NAMESILO = LexiconHost(
    id="namesilo",
    name="NameSilo",
    backend="namesilo",
    options=(
        _token(
            "A NameSilo API key (it reaches the whole account: NameSilo keys have no scopes).",
            "NameSilo → Account → API Manager → Generate; tick IP restriction and give only "
            "this computer's address.",
            label="API key",
        ),
    ),
    settings={"token": "auth_token"},
    api_address="https://www.namesilo.com/api",
    endpoint="option:api_endpoint",
    docs="https://www.namesilo.com/api-reference",
    ns_patterns=("ns*.dnsowl.com",),
    limits=(
        "MX not written (lexicon's backend sends no rrdistance, so NameSilo keeps 10, and "
        "lists none); TXT over 255 characters, NS, SRV and CAA not proven; TTLs from 3600."
    ),
    ttl_range=(3600, 2592001),
    default_ttl=7207,
    update_by_id=True,
)

NETCUP = LexiconHost(
    id="netcup",
    name="netcup",
    backend="netcup",
    options=(
        TextOption(
            "customer",
            "Customer number",
            "Your netcup customer number.",
            where="netcup Customer Control Panel (CCP): shown at the top, beside your name.",
        ),
        SecretOption(
            "api_key",
            "API key",
            "A netcup CCP API key.",
            where="CCP → Master Data → API: accept the API terms, then Create API key. netcup "
            "keys cannot be narrowed to DNS or to one domain: delete the key when done.",
        ),
        SecretOption(
            "api_password",
            "API password",
            "The netcup CCP API password (one per account).",
            where="CCP → Master Data → API → Generate API password (shown once; generating a "
            "new one ends the old one for every client).",
        ),
    ),
    settings={
        "customer": "auth_customer_id",
        "api_key": "auth_api_key",
        "api_password": "auth_api_password",
    },
    api_address="https://ccp.netcup.net/run/webservice/servers/endpoint.php?JSON",
    endpoint="option:api_endpoint",
    docs="https://ccp.netcup.net/run/webservice/servers/endpoint.php",
    ns_patterns=("root-dns.netcup.net", "second-dns.netcup.net", "third-dns.netcup.net"),
    limits="netcup has no per-record TTL: every record takes the zone's TTL (CCP → Domains → "
    "DNS), so a pasted TTL is left out, with a warning; NS, SRV and CAA not written.",
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    # The zone's TTL (netcup's default 86400) is every record's TTL, whatever is sent: the
    # plan leaves a pasted TTL out, and the read-back compares none.
    ttl_settable=False,
    ttl_range=(300, 86400),
    default_ttl=86400,
    long_txt=True,
    update_by_id=True,
    mx_priority="option",
    apex="@",
)

INWX = LexiconHost(
    id="inwx",
    name="INWX",
    backend="inwx",
    options=(
        TextOption(
            "username",
            "Username",
            "The INWX account's login name (INWX has no API tokens).",
            where="The name you log in to www.inwx.com with. dns-lexicon sends no TAN, so the "
            "account must not have two-factor login (mobile TAN): use one made for this.",
        ),
        SecretOption(
            "password",
            "Password",
            "That INWX account's password.",
            where="The password of that login; it is sent with every API call.",
        ),
    ),
    settings={"username": "auth_username", "password": "auth_password"},
    api_address="https://api.domrobot.com/xmlrpc/",
    endpoint="option:endpoint",
    docs="https://www.inwx.com/en/help/apidoc/f/ch02s15.html",
    ns_patterns=(
        "ns.inwx.de",
        "ns2.inwx.de",
        "ns3.inwx.eu",
        "ns4.inwx.com",
        "ns5.inwx.net",
        "ns.domrobot.com",
        "ns.domrobot.net",
        "ns.domrobot.org",
        "ns.domrobot.info",
        "ns.domrobot.biz",
    ),
    limits="Accounts with two-factor login (mobile TAN) cannot be used (dns-lexicon sends no "
    "TAN); NS, SRV and CAA not written; INWX refuses TXT over 1024 characters.",
    record_types=frozenset({"A", "AAAA", "CNAME", "TXT", "MX"}),
    ttl_range=(300, 864000),
    default_ttl=3600,
    long_txt=True,
    mx_priority="content",
)

#: Every enabled host, in the order the zone step lists them.
LEXICON_HOSTS: tuple[LexiconHost, ...] = (
    DIGITALOCEAN,
    DNSIMPLE,
    GANDI,
    HETZNER,
    INFOMANIAK,
    INWX,
    LINODE,
    NAMECOM,
    NAMESILO,
    NETCUP,
    OVH,
    PORKBUN,
    VULTR,
)
