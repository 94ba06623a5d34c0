#!/usr/bin/env python3
"""Writes the known-answer vectors in this folder from the formats in ADRs 0003, 0004 (v1 and v2) and 0006.

Independent of the Java code on purpose (Python `cryptography`, `hmac`, `hashlib`), so the Java tests check the
implementation against the documented format rather than against itself. Deterministic: re-running
it reproduces the committed files byte for byte. A format change adds a new file; never edit one.
"""
import base64, hashlib, hmac, json, struct, uuid
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

def lp(b): return struct.pack(">I", len(b)) + b

def field_aad(version, subject, record, field, schema_version):
    return (lp(b"lethe-field") + lp(bytes([version])) + lp(uuid.UUID(subject).bytes)
            + lp(uuid.UUID(record).bytes) + lp(field.encode()) + lp(struct.pack(">I", schema_version)))

def field_vectors():
    cases = [
        ("idNumber", "11010519491231002X"),
        ("mobile", "13812345678"),
        ("name", "张三丰"),
        ("email", "zhang.san@example.com"),
    ]
    out = []
    for i, (field, plaintext) in enumerate(cases):
        key = hashlib.sha256(b"lethe field vector key %d" % i).digest()
        nonce = hashlib.sha256(b"lethe field vector nonce %d" % i).digest()[:12]
        subject = str(uuid.UUID(bytes=hashlib.sha256(b"subject %d" % i).digest()[:16], version=4))
        record = str(uuid.UUID(bytes=hashlib.sha256(b"record %d" % i).digest()[:16], version=4))
        sv = 1 + i % 2
        ct = AESGCM(key).encrypt(nonce, plaintext.encode(), field_aad(1, subject, record, field, sv))
        out.append({"comment": f"{field}, schema version {sv}", "key": key.hex(), "nonce": nonce.hex(),
                    "subjectId": subject, "recordId": record, "field": field, "schemaVersion": sv,
                    "plaintext": plaintext, "expected": (bytes([1]) + nonce + ct).hex()})
    return out

def field_v2_aad(version, subject, record, field, schema_version):
    """ADR 0004, version 2: fixed-size parts first, the variable-length field name last."""
    return (bytes([version]) + b"F" + uuid.UUID(subject).bytes + uuid.UUID(record).bytes
            + struct.pack(">I", schema_version) + field.encode())

def field_v2_vectors():
    cases = [
        ("idNumber", 1, "11010519491231002X"),
        ("mobile", 2, "13812345678"),
        ("name", 1, "张三丰"),
        ("recipientMobile", 7, "13987654321"),
        ("plate", 0x01020304, "京AD12345"),
        ("姓名", 1, "李四"),
        ("note", 3, ""),
    ]
    out = []
    for i, (field, sv, plaintext) in enumerate(cases):
        key = hashlib.sha256(b"lethe field v2 vector key %d" % i).digest()
        nonce = hashlib.sha256(b"lethe field v2 vector nonce %d" % i).digest()[:12]
        subject = str(uuid.UUID(bytes=hashlib.sha256(b"v2 subject %d" % i).digest()[:16], version=4))
        record = str(uuid.UUID(bytes=hashlib.sha256(b"v2 record %d" % i).digest()[:16], version=4))
        aad = field_v2_aad(2, subject, record, field, sv)
        ct = AESGCM(key).encrypt(nonce, plaintext.encode(), aad)
        out.append({"comment": f"{field}, schema version {sv}, {len(aad)} bytes of associated data",
                    "key": key.hex(), "nonce": nonce.hex(), "subjectId": subject, "recordId": record,
                    "field": field, "schemaVersion": sv, "plaintext": plaintext,
                    "associatedData": aad.hex(), "expected": (bytes([2]) + nonce + ct).hex()})
    return out

def keyring_vector():
    passphrase = "correct horse battery staple 马"
    iterations, salt = 10000, bytes(range(16))
    kek_id = "local-00000000-0000-4000-8000-000000000001"
    keks = [hashlib.sha256(b"lethe kek v%d" % v).digest() for v in (1, 2)]
    payload = bytes([1]) + struct.pack(">H", len(kek_id.encode())) + kek_id.encode()
    payload += struct.pack(">II", 1, len(keks))
    for v, k in enumerate(keks, 1):
        payload += struct.pack(">I", v) + k
    nonce = bytes(range(100, 112))
    header = (b"LETHE-KR" + bytes([1, 1]) + struct.pack(">I", iterations) + salt + nonce
              + struct.pack(">I", len(payload) + 16))
    seal_key = hashlib.pbkdf2_hmac("sha256", passphrase.encode(), salt, iterations, 32)
    file = header + AESGCM(seal_key).encrypt(nonce, payload, header)
    wrapped = []
    for v, kek in enumerate(keks, 1):
        data_key = hashlib.sha256(b"lethe data key under v%d" % v).digest()
        n = hashlib.sha256(b"wrap nonce %d" % v).digest()[:12]
        aad = lp(b"lethe-kek-wrap") + lp(kek_id.encode()) + lp(struct.pack(">I", v))
        blob = n + AESGCM(kek).encrypt(n, data_key, aad)
        wrapped.append({"kekId": kek_id, "kekVersion": v,
                        "ciphertext": f"lethe-kr:v{v}:" + base64.b64encode(blob).decode(),
                        "expectedKey": data_key.hex()})
    return file, {"comment": "keyring-v1.lkr: two KEK versions, min decryption version 1",
                  "file": "keyring-v1.lkr", "passphrase": passphrase, "iterations": iterations,
                  "currentVersion": 2, "wrappedKeys": wrapped}

def blind_index_info(record_type, field, version):
    return lp(b"lethe-blind-index") + lp(struct.pack(">I", version)) + lp(record_type.encode()) + lp(field.encode())

def blind_index_vectors():
    """ADR 0006: HKDF-SHA256(salt = 32 zero bytes, ikm = root, info) -> field key;
    HMAC-SHA256(field key, UTF-8 normalized value), truncated."""
    cases = [
        ("account", "mobile", 1, "13812345678", 16),
        ("account", "idNumber", 1, "11010519491231002X", 16),
        ("account", "mobile", 2, "13812345678", 16),
        ("mailing-address", "recipientMobile", 1, "13812345678", 16),
        ("vehicle", "plate", 1, "京AD12345", 16),
        ("vehicle", "vin", 3, "LSVAU218XN2183294", 8),
        ("account", "mobile", 1, "13812345678", 32),
    ]
    out = []
    for i, (record_type, field, version, value, length) in enumerate(cases):
        root = hashlib.sha256(b"lethe index root key %d" % (i % 2)).digest()
        prk = hmac.new(bytes(32), root, hashlib.sha256).digest()
        field_key = hmac.new(prk, blind_index_info(record_type, field, version) + b"\x01",
                             hashlib.sha256).digest()
        digest = hmac.new(field_key, value.encode(), hashlib.sha256).digest()[:length]
        out.append({"comment": f"{record_type}.{field}, index version {version}, {length} bytes",
                    "rootKey": root.hex(), "recordType": record_type, "field": field,
                    "version": version, "normalizedValue": value, "digestBytes": length,
                    "fieldKey": field_key.hex(), "expected": digest.hex()})
    return out

if __name__ == "__main__":
    with open("field-v1.json", "w", encoding="utf-8") as f:
        json.dump({"format": "field ciphertext v1 (ADR 0004)", "vectors": field_vectors()},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open("field-v2.json", "w", encoding="utf-8") as f:
        json.dump({"format": "field ciphertext v2 (ADR 0004, version 2)", "vectors": field_v2_vectors()},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")
    file, meta = keyring_vector()
    with open("keyring-v1.lkr", "wb") as f:
        f.write(file)
    with open("keyring-v1.json", "w", encoding="utf-8") as f:
        json.dump(meta, f, ensure_ascii=False, indent=2)
        f.write("\n")
    with open("blind-index-v1.json", "w", encoding="utf-8") as f:
        json.dump({"format": "blind index v1 (ADR 0006)", "vectors": blind_index_vectors()},
                  f, ensure_ascii=False, indent=2)
        f.write("\n")
