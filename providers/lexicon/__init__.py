"""DNS hosts written through dns-lexicon, each enabled by a row of `providers.lexicon.table`."""
