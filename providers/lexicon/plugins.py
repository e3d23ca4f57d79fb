"""The provider class of each host in the table, registered as entry points (pyproject.toml)."""

from __future__ import annotations

from providers.lexicon import table
from providers.lexicon.plugin import LexiconProvider


class DigitalOceanProvider(LexiconProvider):
    host = table.DIGITALOCEAN


class DnsimpleProvider(LexiconProvider):
    host = table.DNSIMPLE


class GandiProvider(LexiconProvider):
    host = table.GANDI


class HetznerProvider(LexiconProvider):
    host = table.HETZNER


class InfomaniakProvider(LexiconProvider):
    host = table.INFOMANIAK


class InwxProvider(LexiconProvider):
    host = table.INWX


class LinodeProvider(LexiconProvider):
    host = table.LINODE


class NamecomProvider(LexiconProvider):
    host = table.NAMECOM


class NamesiloProvider(LexiconProvider):
    host = table.NAMESILO


class NetcupProvider(LexiconProvider):
    host = table.NETCUP


class OvhProvider(LexiconProvider):
    host = table.OVH


class PorkbunProvider(LexiconProvider):
    host = table.PORKBUN


class VultrProvider(LexiconProvider):
    host = table.VULTR
