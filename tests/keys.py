"""Real DKIM public keys for tests and fixtures, generated once with `cryptography`.

The grammar check (wizard/grammar/dkim.py) decodes every DKIM key a paste gives, so a test that
pastes a DKIM record needs a real key: these are public halves only, the private halves were
never kept. `ED25519` is RFC 8463's own example key (Appendix A.2, selector brisbane).
"""

from __future__ import annotations

#: 1024-bit RSA, SubjectPublicKeyInfo in base64 (216 characters): the size many vendors give.
RSA_1024 = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC5vbntoz64ZKJGL9kpS70Waeu52WCQ5hwGQfLJcU3SAHAOkYDu"
    "ggoNRa1EKvp/+7+MEqFn0JRrUcp7NcJBUqX6GOMZeGyaxvlbUPBWvohn76OXV3tWEI1h1Ja+dWp+tHPNUwqpQkWO"
    "QXeLz2zGC3u1lyp3uAyOeKqVt2RqnnEoqQIDAQAB"
)
#: Another 1024-bit RSA key, for a second selector.
RSA_1024_B = (
    "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQDBjQZujpYpBw//xsJDuC6WVilDkIklEW6WQhYh7YJykSeo4qox"
    "ax2FLitWAlv3s4DXR1PSlXJRiAjhW020kv7o+S9eMj61rC/xRk4pBzUNWX6P0wqdaYyGYq0HKNkGjizM2XCsrtWF"
    "/unAR1wiAR2MMST3d4nIAs2Ug0EDWyg0AQIDAQAB"
)
#: 2048-bit RSA (392 characters), ending in IDAQAB as every e=65537 key does.
RSA_2048 = (
    "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEApU3w0VpVuQ5FVAiJuNtoel2I/XbGJNjPuysz2UBbRmca"
    "vZkUErMWfwscesOBtqHAbIdVKdPcHDwAjxa9TpQJ+sKh4iTN6VxHhu3W2QiWI0UjinGjCbWajnA5Cj/qAqMLFcBc"
    "EdiEovh/9GSXW+GxjKe45ufiipjojLNmH8sfr6obIbtPUl+CTzKGR6oMF/8QpQ6MC53n1B38zB/0SDvynWayjSLB"
    "B3K3BDT9Mwe9CFskglbiwXx+7JbVb/P9b1RYt2ijSxLDbW7fyr9pbvJfobtnggqQJtnLeXzf3GXdJNsMicuzIeD1"
    "Gs5Q7HzDAFr3U7QxaKJbnFZi+tV2UGyKGwIDAQAB"
)
#: Ed25519, 32 raw bytes (RFC 8463 §4.2).
ED25519 = "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo="
#: An EC P-256 key: a real key, but of no kind DKIM knows.
EC_P256 = (
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEtLt71PedzzT8/1ZRreAxwP7tLNFIBZ3juBGvghCLgFlF+dfLv78B"
    "URbRoJJx7xppy/DYlDH5zfx43o3rax4s+w=="
)

#: DKIM records as vendors give them.
DKIM_1024 = f"k=rsa; p={RSA_1024}"
DKIM_2048 = f"v=DKIM1; k=rsa; p={RSA_2048}"
#: A Google verification token of the published shape (43 characters; Google's own example).
GOOGLE_TOKEN = "rXOxyZounnZasA8Z7oaD3c14JdjS9aKSWvsR1EbUSIQ"
GOOGLE_VERIFICATION = f"google-site-verification={GOOGLE_TOKEN}"
