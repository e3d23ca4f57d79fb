"""HTTPS for a tracking host in one step: an ACM certificate, a CloudFront distribution, a record.

Each AWS resource is journalled before it is created (`ledger`), so `revert` can remove it after
a failure or a crash at any point. The records go through the person's own DNS host.
"""
