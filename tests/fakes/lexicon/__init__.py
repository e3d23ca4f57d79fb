"""Local fakes of the DNS hosts written through dns-lexicon, one module per host, each built from
that host's published API reference."""
