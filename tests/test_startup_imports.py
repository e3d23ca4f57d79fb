"""The demo's first frame waits for nothing a later step needs: what launching imports."""

from __future__ import annotations

import subprocess
import sys

#: Launch as `tracking-wizard --demo` does, up to the app being built, then list what is loaded.
LAUNCH = """
import sys, tempfile
from pathlib import Path
from wizard.demo import demo_environment
from wizard.tui.app import build_app
with demo_environment(Path(tempfile.mkdtemp()) / "journal.jsonl") as env:
    build_app(env)
    print(" ".join(sorted(sys.modules)))
"""

#: Each costs a tenth of a second or more to import, and only later steps use it.
LATER = ["dns.message", "dns.resolver", "dns.query", "httpx", "cryptography", "boto3", "botocore"]


def test_launching_the_demo_loads_no_dns_web_or_aws_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", LAUNCH], capture_output=True, text=True, check=True
    )
    loaded = set(done.stdout.split())
    assert "wizard.tui.app" in loaded
    assert [name for name in LATER if name in loaded] == []


def test_the_embedded_servers_answer_once_dnspython_loads_with_the_first_query() -> None:
    """The lazy import is no shortcut: a query to a demo server started without dnspython."""
    script = LAUNCH.replace(
        "    build_app(env)\n",
        "    assert 'dns.message' not in sys.modules\n"
        "    import dns.message, dns.query\n"
        "    server = env.authoritative[0]\n"
        "    reply = dns.query.udp(dns.message.make_query('demo-dns.test', 'NS'),"
        " server.host, port=server.port, timeout=5)\n"
        "    print(reply.rcode(), len(reply.answer))\n",
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split()[:2] == ["0", "1"]
