"""Values the demo shares between its data and its start-up script.

No Django import here: scripts/demo.sh reads these before Django is set up.
"""

import hashlib
import os


def demo_password() -> str:
    return os.environ.get("HUB_DEMO_PASSWORD", "demo-password-2026")


def demo_totp_key(email: str) -> str:
    """The demo account's authenticator secret, derived from its name (demo only)."""
    return hashlib.sha1(f"assessment-hub-demo:{email}".encode(), usedforsecurity=False).hexdigest()
