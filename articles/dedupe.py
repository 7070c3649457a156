"""What makes two articles the same: canonical URLs, text hashes and MinHash signatures.

Plain Python (and numpy); no Django, so it is quick to test.
"""

from __future__ import annotations

import hashlib
import random
import re
import unicodedata
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

import numpy as np

# Query parameters that say how a reader arrived, not which article it is.
_TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|msclkid|mc_cid|mc_eid|igshid|ocid|cmpid|ref|ref_src|smid)$",
    re.IGNORECASE,
)

SHINGLE_WORDS = 5
NUM_HASHES = 64
BANDS = 16
ROWS = NUM_HASHES // BANDS
NEAR_DUPLICATE_THRESHOLD = 0.9
_PRIME = (1 << 31) - 1
# Fixed seed: signatures stored in the database must stay comparable across releases.
_rng = random.Random(20240529)
_A = np.array([_rng.randrange(1, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)
_B = np.array([_rng.randrange(0, _PRIME) for _ in range(NUM_HASHES)], dtype=np.uint64)
_CHUNK = 8192


def canonicalise_url(url: str) -> str:
    """A stable form of `url` for de-duplication, or "" if it is not an http(s) URL."""
    try:
        parts = urlsplit((url or "").strip())
        port = parts.port
    except ValueError:
        return ""
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return ""
    host = parts.hostname.lower()
    if port and port != (443 if scheme == "https" else 80):
        host = f"{host}:{port}"
    query = urlencode(
        sorted(
            (key, value)
            for key, value in parse_qsl(parts.query, keep_blank_values=True)
            if not _TRACKING_PARAMS.match(key)
        )
    )
    path = parts.path or "/"
    return urlunsplit((scheme, host, path, query, ""))


def normalise_for_hash(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


def text_hash(text: str) -> str:
    """Same words in the same order, whatever the spacing and case, give the same hash."""
    return hashlib.sha256(normalise_for_hash(text).encode("utf-8")).hexdigest()


def _shingle_hashes(text: str) -> np.ndarray:
    words = re.findall(r"\w+", normalise_for_hash(text))
    if len(words) < SHINGLE_WORDS:
        return np.array([], dtype=np.uint64)
    shingles = {" ".join(words[i : i + SHINGLE_WORDS]) for i in range(len(words) - 4)}
    values = [
        int.from_bytes(hashlib.blake2b(s.encode(), digest_size=4).digest(), "big") & _PRIME
        for s in shingles
    ]
    return np.array(values, dtype=np.uint64)


def minhash(text: str) -> list[int]:
    """A MinHash signature of the text's 5-word shingles; [] for very short texts."""
    hashes = _shingle_hashes(text)
    if hashes.size == 0:
        return []
    signature = np.full(NUM_HASHES, _PRIME, dtype=np.uint64)
    # In chunks, so a long text does not build a NUM_HASHES x shingles matrix at once.
    for start in range(0, hashes.size, _CHUNK):
        chunk = hashes[start : start + _CHUNK]
        permuted = (np.outer(_A, chunk) + _B[:, None]) % _PRIME
        signature = np.minimum(signature, permuted.min(axis=1))
    return [int(value) for value in signature]


def similarity(a: list[int], b: list[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    if not a or not b or len(a) != len(b):
        return 0.0
    return sum(1 for x, y in zip(a, b, strict=True) if x == y) / len(a)


def band_keys(signature: list[int]) -> list[str]:
    """LSH band keys: two signatures with 0.9 similarity share one with near certainty."""
    if not signature:
        return []
    keys = []
    for band in range(BANDS):
        rows = signature[band * ROWS : (band + 1) * ROWS]
        digest = hashlib.blake2b(repr(rows).encode(), digest_size=8).hexdigest()
        keys.append(f"{band:02d}{digest}")
    return keys
