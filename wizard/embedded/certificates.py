"""A certificate authority made at start, for the demo's HTTPS sites: trusted by nothing else.

Its key never leaves memory and a temporary directory (removed on `close`); only the readiness
check of the same demo is told to trust it, the way curl's `--cacert` would be.
"""

from __future__ import annotations

import datetime
import shutil
import tempfile
import threading
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

#: When the sites' certificates expire: one fixed day, far past the readiness check's renewal
#: warning, so every demo (and every screenshot of one) says the same "valid until".
VALID_UNTIL = datetime.datetime(2036, 1, 1, tzinfo=datetime.UTC)


class DemoCA:
    """Issues certificates (EC P-256, fast to make) for the names of each demo site."""

    def __init__(self, name: str = "Demo Internet CA") -> None:
        self.directory = Path(tempfile.mkdtemp(prefix="wizard-demo-ca-"))
        self._lock = threading.Lock()
        self._issued: dict[tuple[str, ...], tuple[Path, Path]] = {}
        self._key = ec.generate_private_key(ec.SECP256R1())
        subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
        now = datetime.datetime.now(datetime.UTC)
        self._cert = (
            x509.CertificateBuilder()
            .subject_name(subject)
            .issuer_name(subject)
            .public_key(self._key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(days=1))
            .not_valid_after(now + datetime.timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
            .add_extension(
                x509.KeyUsage(
                    digital_signature=True,
                    content_commitment=False,
                    key_encipherment=False,
                    data_encipherment=False,
                    key_agreement=False,
                    key_cert_sign=True,
                    crl_sign=True,
                    encipher_only=False,
                    decipher_only=False,
                ),
                critical=True,
            )
            .add_extension(
                x509.SubjectKeyIdentifier.from_public_key(self._key.public_key()), critical=False
            )
            .sign(self._key, hashes.SHA256())
        )
        self.cert_path = self.directory / "demo-ca.pem"
        self.cert_path.write_bytes(self._cert.public_bytes(serialization.Encoding.PEM))

    def issue(self, names: tuple[str, ...]) -> tuple[Path, Path]:
        """(certificate chain file, key file) for `names`, made once and kept."""
        with self._lock:
            if names in self._issued:
                return self._issued[names]
            key = ec.generate_private_key(ec.SECP256R1())
            now = datetime.datetime.now(datetime.UTC)
            cert = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, names[0])]))
                .issuer_name(self._cert.subject)
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(VALID_UNTIL)
                .add_extension(
                    x509.SubjectAlternativeName([x509.DNSName(n) for n in names]), critical=False
                )
                .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
                .add_extension(
                    x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                    critical=False,
                )
                .add_extension(
                    x509.AuthorityKeyIdentifier.from_issuer_public_key(self._key.public_key()),
                    critical=False,
                )
                .sign(self._key, hashes.SHA256())
            )
            stem = self.directory / f"site-{len(self._issued)}"
            chain = stem.with_suffix(".pem")
            chain.write_bytes(
                cert.public_bytes(serialization.Encoding.PEM)
                + self._cert.public_bytes(serialization.Encoding.PEM)
            )
            key_path = stem.with_suffix(".key")
            key_path.write_bytes(
                key.private_bytes(
                    serialization.Encoding.PEM,
                    serialization.PrivateFormat.PKCS8,
                    serialization.NoEncryption(),
                )
            )
            self._issued[names] = (chain, key_path)
            return chain, key_path

    def close(self) -> None:
        shutil.rmtree(self.directory, ignore_errors=True)
