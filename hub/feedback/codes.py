"""Survey links and letter codes: made at random, kept only as a hash.

Plain Python, no Django. A link carries 256 random bits, so it cannot be guessed;
a letter's code is short enough to type from paper (10 letters and digits with
the easily confused ones left out, about 50 bits), so the page that takes codes
also limits how many wrong ones an address may try.
"""

import hashlib
import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: a code is read off paper and typed by hand.
CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 10


def new_link_token() -> str:
    return secrets.token_urlsafe(32)


def new_letter_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def show_code(code: str) -> str:
    """ACDEFGHJKM as ACDEF-GHJKM, easier to read out and copy."""
    return f"{code[:5]}-{code[5:]}"


def normalise_code(typed: str) -> str:
    """What a person types, as the code was made: capitals, no spaces or dashes."""
    return "".join(ch for ch in typed.upper() if ch.isalnum())


def digest(secret: str, *, kind: str) -> str:
    """The hash kept in the database; the kind keeps a link and a code from ever matching each other."""
    return hashlib.sha256(f"{kind}:{secret}".encode()).hexdigest()
