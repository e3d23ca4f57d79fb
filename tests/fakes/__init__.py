"""Real parts on loopback that tests, benchmarks and the screenshots script share.

BIND `named` with a TSIG key, moto's server (Route 53, ACM, CloudFront), local Cloudflare and
GoDaddy API servers that answer as the real APIs do and write through to BIND, and a local
HTTPS server with a test CA. Each module can be run (`python -m tests.fakes.godaddy_api`).
"""
