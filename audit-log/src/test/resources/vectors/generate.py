#!/usr/bin/env python3
"""Writes audit-chain-v1.json: known-answer vectors for the audit hash chain (ADR 0007),
computed with Python's hashlib/hmac, independently of the Java code under test."""
import hashlib, hmac, json

def canonical(doc):
    doc = json.loads(json.dumps(doc))
    doc.get("lethe", {}).pop("chain", None)
    return json.dumps(doc, sort_keys=True, separators=(",", ":"), ensure_ascii=False)

docs = [
    {"@timestamp": "2026-11-23T10:15:30Z", "event": {"id": "00000000-0000-4000-8000-000000000001",
     "action": "subject.create", "category": ["database"], "outcome": "success", "kind": "event"},
     "user": {"name": "svc-traffic", "roles": ["service"]}, "lethe": {"subject_id": "4b1c5a0e-8f0e-4b7e-9a55-3f8a3f1d2c10"}},
    {"@timestamp": "2026-11-23T10:15:31Z", "event": {"id": "00000000-0000-4000-8000-000000000002",
     "action": "record.read", "category": ["database"], "outcome": "success", "kind": "event"},
     "user": {"name": "svc-traffic", "roles": ["service"]}, "source": {"ip": "10.1.2.3"},
     "lethe": {"purpose": "account-management", "subject_id": "4b1c5a0e-8f0e-4b7e-9a55-3f8a3f1d2c10",
               "record_type": "account", "field_names": ["idNumber", "mobile"]}},
    {"@timestamp": "2026-11-23T10:15:32Z", "event": {"id": "00000000-0000-4000-8000-000000000003",
     "action": "auth.authenticate", "category": ["authentication"], "outcome": "failure", "kind": "event"},
     "error": {"code": "auth.invalid"}, "lethe": {}},
]
key = bytes(range(32))
prev = "0" * 64
links = []
for seq, doc in enumerate(docs, start=1):
    c = canonical(doc)
    h = hashlib.sha256(bytes.fromhex(prev) + c.encode("utf-8")).hexdigest()
    links.append({"seq": seq, "document": doc, "canonical": c, "prev": prev, "hash": h})
    prev = h
message = ("lethe-audit-checkpoint:v1:%d:%s" % (len(docs), prev)).encode("ascii")
checkpoint = {"seq": len(docs), "hash": prev, "keyHex": key.hex(), "keyId": "vector-key",
              "signature": hmac.new(key, message, hashlib.sha256).hexdigest()}
with open("audit-chain-v1.json", "w", encoding="utf-8") as f:
    json.dump({"format": "lethe-audit-chain-v1", "links": links, "checkpoint": checkpoint},
              f, ensure_ascii=False, indent=2)
    f.write("\n")
