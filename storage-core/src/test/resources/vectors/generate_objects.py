#!/usr/bin/env python3
"""Writes object-v1.json and its .bin ciphertexts from the format in ADR 0005.

Independent of the Java code and of Tink (Python `cryptography` only), so the Java tests check
both Lethe's code and its use of Tink against the documented format. Tink picks the stream's salt
and nonce prefix at random and offers no way to fix them, so these vectors are decrypt-direction
for the stream (fixed ciphertext -> expected plaintext) and encrypt-direction for the key wrap
(fixed nonce -> expected bytes). Deterministic: re-running reproduces the files byte for byte.
A format change adds a new file; never edit one.
"""
import hashlib, json, struct, uuid
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

SEGMENT = 256 * 1024            # ciphertext segment size
TAG, KEY, PREFIX = 16, 32, 7
HEADER = 1 + KEY + PREFIX       # header length byte, HKDF salt, nonce prefix

def lp(b): return struct.pack(">I", len(b)) + b

def aad(label, subject, obj):
    return lp(label) + lp(bytes([1])) + lp(uuid.UUID(subject).bytes) + lp(uuid.UUID(obj).bytes)

def stream_encrypt(ikm, ad, plaintext, salt, prefix):
    key = HKDF(algorithm=hashes.SHA256(), length=KEY, salt=salt, info=ad).derive(ikm)
    first, rest = plaintext[:SEGMENT - TAG - HEADER], plaintext[SEGMENT - TAG - HEADER:]
    chunks = [first]
    while rest:
        chunks.append(rest[:SEGMENT - TAG]); rest = rest[SEGMENT - TAG:]
    out = bytes([HEADER]) + salt + prefix
    for i, chunk in enumerate(chunks):
        nonce = prefix + struct.pack(">I", i) + bytes([1 if i == len(chunks) - 1 else 0])
        out += AESGCM(key).encrypt(nonce, chunk, None)
    return out

def pattern(n): return bytes((i * 31 + 7) & 0xFF for i in range(n))

def h(label, i): return hashlib.sha256(b"lethe object vector %s %d" % (label, i)).digest()

def vectors():
    first_full = SEGMENT - TAG - HEADER
    cases = [("empty object", 0, None), ("JPEG-like 64 bytes", 64, None),
             ("first segment exactly full", first_full, "object-v1-first-full.bin"),
             ("first segment full plus one byte", first_full + 1, "object-v1-two-segments.bin")]
    out = []
    for i, (comment, length, file) in enumerate(cases):
        subject = str(uuid.UUID(bytes=h(b"subject", i)[:16], version=4))
        obj = str(uuid.UUID(bytes=h(b"object", i)[:16], version=4))
        subject_key, object_key = h(b"subject key", i), h(b"object key", i)
        wrap_nonce, salt, prefix = h(b"wrap nonce", i)[:12], h(b"salt", i), h(b"prefix", i)[:PREFIX]
        wrap_aad = aad(b"lethe-object-key", subject, obj)
        wrapped = bytes([1]) + wrap_nonce + AESGCM(subject_key).encrypt(wrap_nonce, object_key, wrap_aad)
        stream_aad = aad(b"lethe-object", subject, obj)
        ct = stream_encrypt(object_key, stream_aad, pattern(length), salt, prefix)
        v = {"comment": comment, "subjectId": subject, "objectId": obj,
             "subjectKey": subject_key.hex(), "objectKey": object_key.hex(),
             "wrapNonce": wrap_nonce.hex(), "wrapAad": wrap_aad.hex(), "wrappedKey": wrapped.hex(),
             "streamAad": stream_aad.hex(), "salt": salt.hex(), "noncePrefix": prefix.hex(),
             "plaintextPattern": "byte i = (31 * i + 7) mod 256", "plaintextLength": length,
             "ciphertextLength": len(ct), "ciphertextSha256": hashlib.sha256(ct).hexdigest()}
        if file:
            v["ciphertextFile"] = file
            with open(file, "wb") as f:
                f.write(ct)
        else:
            v["ciphertext"] = ct.hex()
        out.append(v)
    return out

if __name__ == "__main__":
    with open("object-v1.json", "w", encoding="utf-8") as f:
        json.dump({"format": "object v1 (ADR 0005): Tink AES-GCM-HKDF streaming, HKDF-SHA256, "
                             "32-byte keys, 262144-byte ciphertext segments, first segment offset 0",
                   "vectors": vectors()}, f, ensure_ascii=False, indent=2)
        f.write("\n")
