"""Archives and encryption of the gated artefacts: reproducible tarballs, Fernet keys, strict unpacking.

Fernet (AES-128-CBC + HMAC-SHA256) comes from ``cryptography``; nothing here is home-made crypto.
"""
from __future__ import annotations

import io
import re
import tarfile
from pathlib import Path


def tar_bytes(base: Path, files: list[Path]) -> bytes:
    """A gzipped tar of ``files`` (paths relative to ``base``) with fixed owners and times."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz", compresslevel=9) as tar:
        for f in sorted(files):
            data = (base / f).read_bytes()
            info = tarfile.TarInfo(f.as_posix())
            info.size, info.mode, info.mtime = len(data), 0o644, 0
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


def untar_bytes(blob: bytes, dest: Path, allowed: re.Pattern) -> list[Path]:
    """Extract regular files whose names match ``allowed`` into ``dest``; anything else is refused."""
    written = []
    with tarfile.open(fileobj=io.BytesIO(blob), mode="r:gz") as tar:
        members = tar.getmembers()
        for m in members:
            parts = m.name.split("/")
            if not m.isfile() or m.name.startswith("/") or ".." in parts or not allowed.fullmatch(m.name):
                raise ValueError(f"refusing archive member {m.name!r}")
        for m in members:
            out = dest.joinpath(*m.name.split("/"))
            out.parent.mkdir(parents=True, exist_ok=True)
            src = tar.extractfile(m)
            assert src is not None
            out.write_bytes(src.read())
            written.append(out)
    return written


def key_at(path: Path) -> bytes:
    """The key stored at ``path``; a new one (written with mode 600) when there is none yet."""
    from cryptography.fernet import Fernet
    if path.exists():
        return path.read_bytes().strip()
    key = Fernet.generate_key()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(key + b"\n")
    path.chmod(0o600)
    return key


def encrypt(blob: bytes, key: bytes) -> bytes:
    from cryptography.fernet import Fernet
    return Fernet(key).encrypt(blob)


def decrypt(token: bytes, key: bytes | str, what: str) -> bytes:
    from cryptography.fernet import Fernet, InvalidToken
    try:
        return Fernet(key.strip() if isinstance(key, bytes) else key.strip().encode()).decrypt(token)
    except (InvalidToken, ValueError):
        raise ValueError(f"that key does not open {what} (check that it was copied whole)") from None
