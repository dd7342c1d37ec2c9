#!/usr/bin/env python3
# A second verifier for Sentinelle evidence bundles, written from docs/bundle-format.md alone (not from
# Sentinelle's code), with PyNaCl (Debian: python3-nacl). A lawyer's expert can check a bundle with it
# without Node or Sentinelle:
#
#   python3 verify_bundle.py case.sntl --identity lawyer.key --signer PF7W-0GAN-2V47-4K4X-E6C9
#   python3 verify_bundle.py case.sntl --passphrase --signer installation.pub   (passphrase on standard input)
#
# Exit status: 0 verified, 3 not verified, 2 wrong usage. --json prints the verdict as JSON.
# The section numbers in the comments are those of docs/bundle-format.md.
import argparse
import base64
import decimal
import hashlib
import json
import mmap
import os
import re
import sys
import unicodedata

import nacl.bindings as sodium
import nacl.exceptions
from nacl._sodium import ffi

MAGIC = b"SNTLBNDL"
VERSION = 2
MAX_HEADER = 1_048_576
STREAM_HEADER = 24
ABYTES = 17
MAX_MANIFEST = 67_108_864
LOOKAHEAD = 16
TAG_MESSAGE = sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE
TAG_FINAL = sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL
PASSPHRASE_AD = b"sentinelle-bundle-v1 passphrase"
CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
FILE_NAME = re.compile(r"(report\.html|report\.pdf|artifacts/[0-9a-f]{64})")
HEX64 = re.compile(r"[0-9a-f]{64}")
HEX128 = re.compile(r"[0-9a-f]{128}")
FINGERPRINT = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){4}", re.I)


class Stop(Exception):
    """A problem that stops the reading (section 7)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


# ---------------------------------------------------------------- section 1: canonical JSON


def js_number(value):
    """A number as ECMAScript's Number.prototype.toString writes it; ValueError when not finite."""
    if isinstance(value, bool):
        raise ValueError("not a number")
    if isinstance(value, int):
        return str(value)
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError("not finite")
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits_tuple = decimal.Decimal(repr(abs(value))).as_tuple()
    digits = "".join(map(str, digits_tuple.digits)).rstrip("0") or "0"
    # repr gives the shortest digits; n is where the decimal point falls relative to them.
    n = digits_tuple.exponent + len("".join(map(str, digits_tuple.digits)))
    k = len(digits)
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    exponent = n - 1
    mantissa = digits if k == 1 else digits[0] + "." + digits[1:]
    return sign + mantissa + "e" + ("+" if exponent >= 0 else "-") + str(abs(exponent))


ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r", "\t": "\\t"}


def js_string(text):
    out = ['"']
    for char in text:
        code = ord(char)
        if char in ESCAPES:
            out.append(ESCAPES[char])
        elif code < 0x20 or 0xD800 <= code <= 0xDFFF:
            out.append("\\u%04x" % code)
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def utf16_key(key):
    return key.encode("utf-16-be", "surrogatepass")


def canonical(value):
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, (int, float)):
        return js_number(value)
    if isinstance(value, str):
        return js_string(value)
    if isinstance(value, list):
        return "[" + ",".join(canonical(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ",".join(js_string(key) + ":" + canonical(value[key]) for key in sorted(value, key=utf16_key)) + "}"
    raise ValueError("not JSON")


def js_int(text):
    """Integers as a double-based reader sees them: beyond 2^53 they are doubles."""
    number = int(text)
    return number if abs(number) <= 2**53 else float(text)


def refuse_constant(name):
    raise ValueError(f"{name} is not JSON")


def parse_json(data):
    """(value, duplicate) from UTF-8 bytes; ValueError when not valid UTF-8 or JSON."""
    text = data.decode("utf-8")
    duplicate = []

    def pairs(items):
        seen = {}
        for key, item in items:
            if key in seen and not duplicate:
                duplicate.append(key)
            seen[key] = item
        return seen

    value = json.loads(text, object_pairs_hook=pairs, parse_int=js_int, parse_constant=refuse_constant)
    return value, text, (duplicate[0] if duplicate else None)


def read_canonical(data, what):
    """The value of canonical JSON bytes, or Stop with the problem (sections 1, 7 step 5)."""
    try:
        value, text, duplicate = parse_json(data)
    except (ValueError, RecursionError) as error:
        raise Stop("manifest-invalid", f"{what} cannot be read: {str(error)[:200]}")
    if duplicate is not None:
        raise Stop("manifest-duplicate-key", f"{what} holds the key {duplicate!r} twice")
    try:
        form = canonical(value)
    except ValueError:
        raise Stop("manifest-not-canonical", f"{what} holds a number canonical JSON cannot write")
    if form != text:
        raise Stop("manifest-not-canonical", f"{what} is not in canonical form")
    return value


# ---------------------------------------------------------------- shapes


def is_int(value, low=None, high=None):
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value != int(value):
        return False
    return (low is None or value >= low) and (high is None or value <= high)


def is_str(value, pattern=None, most=None):
    if not isinstance(value, str):
        return False
    # Lengths are counted in UTF-16 code units, as section 1 says.
    if most is not None and len(value.encode("utf-16-le", "surrogatepass")) // 2 > most:
        return False
    return pattern is None or re.fullmatch(pattern, value) is not None


def exact_keys(value, keys):
    return isinstance(value, dict) and set(value) == set(keys)


def header_ok(header):
    if not exact_keys(header, ["format", "version", "chunkSize", "recipients", "passphrase"]):
        return False
    if header["format"] != "sentinelle-bundle" or not is_int(header["version"], VERSION, VERSION):
        return False
    if not is_int(header["chunkSize"], 1024, 16 * 1024 * 1024):
        return False
    recipients = header["recipients"]
    if not isinstance(recipients, list) or len(recipients) > 100:
        return False
    for recipient in recipients:
        if not exact_keys(recipient, ["fingerprint", "sealedKey"]) or not is_str(recipient["fingerprint"], most=64) or not is_str(recipient["sealedKey"], r"[A-Za-z0-9+/]{107}="):
            return False
    wrap = header["passphrase"]
    if wrap is not None:
        if not exact_keys(wrap, ["algorithm", "opslimit", "memlimit", "salt", "nonce", "ciphertext"]) or wrap["algorithm"] != "argon2id13":
            return False
        if not is_int(wrap["opslimit"], 1, 8) or not is_int(wrap["memlimit"], 8 * 1024 * 1024, 256 * 1024 * 1024):
            return False
        if not is_str(wrap["salt"], r"[A-Za-z0-9+/]{22}==") or not is_str(wrap["nonce"], r"[A-Za-z0-9+/]{32}") or not is_str(wrap["ciphertext"], r"[A-Za-z0-9+/]{64}"):
            return False
    return len(recipients) > 0 or wrap is not None


TIME = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})"
CASE_ID = r"[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}"
CLASSES = ("apps", "browsing-history", "backup-files", "listings", "files")
MANIFEST_MEMBERS = ["format", "version", "createdAt", "tool", "installation", "case", "devices", "scans", "signatures", "observations", "artifacts", "findings", "custody", "report", "sealedFor", "excludedClasses"]


def objects(value, most):
    return isinstance(value, list) and len(value) <= most and all(isinstance(item, dict) for item in value)


CONSULTATION_PARTS = ("concerns", "devices", "checks", "vulnerabilities", "safety-planning", "changes", "follow-ups")


def consultation_ok(shared):
    """Section 5, `consultation`: the parts she chose, their record, the findings left out with her answers."""
    if not exact_keys(shared, ["parts", "record", "findingsLeftOut"]):
        return False
    parts = shared["parts"]
    return isinstance(parts, list) and all(part in CONSULTATION_PARTS for part in parts) and len(set(parts)) == len(parts) and isinstance(shared["record"], dict) and is_int(shared["findingsLeftOut"], 0)


def manifest_ok(manifest):
    """Section 5: exactly these members, in these forms."""
    try:
        members = set(manifest)
        assert set(MANIFEST_MEMBERS) <= members <= set(MANIFEST_MEMBERS + ["method", "consultation"])
        assert manifest["format"] == "sentinelle-bundle-manifest" and is_int(manifest["version"], 2, 2)
        assert is_str(manifest["createdAt"], TIME)
        tool = manifest["tool"]
        assert exact_keys(tool, ["name", "version"]) and is_str(tool["name"], most=100) and is_str(tool["version"], most=100)
        installation = manifest["installation"]
        assert exact_keys(installation, ["publicKey", "fingerprint"]) and is_str(installation["publicKey"], HEX64.pattern) and is_str(installation["fingerprint"], most=64)
        assert installation["fingerprint"].upper() == fingerprint(bytes.fromhex(installation["publicKey"]))
        case = manifest["case"]
        assert exact_keys(case, ["id", "pseudonym", "status", "createdAt", "closedAt"]) and is_str(case["id"], CASE_ID) and is_str(case["pseudonym"], most=200)
        assert case["status"] in ("open", "closed") and is_str(case["createdAt"], TIME) and (case["closedAt"] is None or is_str(case["closedAt"], TIME))
        assert objects(manifest["devices"], 1000) and objects(manifest["scans"], 10_000) and objects(manifest["findings"], 100_000)
        assert isinstance(manifest["signatures"], dict) and is_int(manifest["observations"], 0)
        assert "method" not in manifest or isinstance(manifest["method"], dict)
        assert "consultation" not in manifest or consultation_ok(manifest["consultation"])
        excluded = manifest["excludedClasses"]
        assert isinstance(excluded, list) and all(item in CLASSES for item in excluded) and len(set(excluded)) == len(excluded)
        artifacts = manifest["artifacts"]
        assert isinstance(artifacts, list) and len(artifacts) <= 1_000_000
        hashes = set()
        for artifact in artifacts:
            assert exact_keys(artifact, ["sha256", "size", "class", "included", "captures"])
            assert is_str(artifact["sha256"], HEX64.pattern) and is_int(artifact["size"], 0) and artifact["class"] in CLASSES and isinstance(artifact["included"], bool)
            assert objects(artifact["captures"], 10_000) and artifact["sha256"] not in hashes
            assert artifact["included"] == (artifact["class"] not in excluded)
            hashes.add(artifact["sha256"])
        report = manifest["report"]
        assert exact_keys(report, ["language", "redacted", "files", "pdfMissing"])
        assert report["language"] in ("en", "fr") and isinstance(report["redacted"], bool) and report["pdfMissing"] in (None, "no-printer", "printing-failed")
        assert isinstance(report["files"], list) and len(report["files"]) <= 2
        names = []
        for file in report["files"]:
            assert exact_keys(file, ["name", "sha256", "size"]) and file["name"] in ("report.html", "report.pdf") and is_str(file["sha256"], HEX64.pattern) and is_int(file["size"], 0)
            names.append(file["name"])
        assert names.count("report.html") == 1 and len(set(names)) == len(names)
        assert (report["pdfMissing"] is None) == ("report.pdf" in names)
        sealed = manifest["sealedFor"]
        assert exact_keys(sealed, ["recipients", "passphrase"]) and isinstance(sealed["passphrase"], bool)
        assert isinstance(sealed["recipients"], list) and len(sealed["recipients"]) <= 100 and all(is_str(item, most=64) for item in sealed["recipients"])
        custody = manifest["custody"]
        assert exact_keys(custody, ["head", "entries", "links"]) and exact_keys(custody["head"], ["seq", "entryHash"])
        assert is_int(custody["head"]["seq"], 0) and is_str(custody["head"]["entryHash"], HEX64.pattern)
        assert isinstance(custody["entries"], list) and isinstance(custody["links"], list)
        for entry in custody["entries"]:
            assert exact_keys(entry, ["seq", "recordedAt", "action", "caseId", "details", "prevHash", "entryHash", "signature"])
            assert is_int(entry["seq"], 1) and is_str(entry["recordedAt"], TIME) and is_str(entry["action"], most=80) and len(entry["action"]) >= 1
            assert (entry["caseId"] is None or is_str(entry["caseId"], CASE_ID)) and isinstance(entry["details"], dict)
            assert is_str(entry["prevHash"], HEX64.pattern) and is_str(entry["entryHash"], HEX64.pattern) and is_str(entry["signature"], HEX128.pattern)
        for link in custody["links"]:
            assert exact_keys(link, ["seq", "prevHash", "entryHash", "signature"])
            assert is_int(link["seq"], 1) and is_str(link["prevHash"], HEX64.pattern) and is_str(link["entryHash"], HEX64.pattern) and is_str(link["signature"], HEX128.pattern)
        return True
    except (AssertionError, KeyError, TypeError, ValueError):
        return False


# ---------------------------------------------------------------- sections 6 and 8


def fingerprint(public_key):
    bits = "".join(format(byte, "08b") for byte in hashlib.sha256(public_key).digest()[:13])
    chars = "".join(CROCKFORD[int(bits[i * 5 : i * 5 + 5], 2)] for i in range(20))
    return "-".join(chars[i : i + 4] for i in range(0, 20, 4))


def signature_holds(signature, message, public_key):
    try:
        sodium.crypto_sign_open(signature + message, public_key)
        return True
    except (nacl.exceptions.BadSignatureError, nacl.exceptions.ValueError, nacl.exceptions.TypeError):
        return False


def custody_holds(custody, public_key):
    items = [(entry["seq"], entry, True) for entry in custody["entries"]] + [(link["seq"], link, False) for link in custody["links"]]
    items.sort(key=lambda item: item[0])
    previous = "0" * 64
    for index, (seq, item, full) in enumerate(items):
        if seq != index + 1 or item["prevHash"] != previous:
            return False
        if full:
            body = {"v": 1, "seq": item["seq"], "recordedAt": item["recordedAt"], "action": item["action"], "caseId": item["caseId"], "details": item["details"], "prevHash": item["prevHash"]}
            try:
                if hashlib.sha256(canonical(body).encode("utf-8")).hexdigest() != item["entryHash"]:
                    return False
            except ValueError:
                return False
        if not signature_holds(bytes.fromhex(item["signature"]), bytes.fromhex(item["entryHash"]), public_key):
            return False
        previous = item["entryHash"]
    last_seq = items[-1][0] if items else 0
    return last_seq == custody["head"]["seq"] and previous == custody["head"]["entryHash"]


# ---------------------------------------------------------------- section 4: the file key


def file_key(header, identity, passphrase):
    if identity is not None:
        public_key, secret_key = identity
        for recipient in header["recipients"]:
            sealed = base64.b64decode(recipient["sealedKey"])
            try:
                return sodium.crypto_box_seal_open(sealed, public_key, secret_key)
            except nacl.exceptions.CryptoError:
                continue
        if any(recipient["fingerprint"].upper() == fingerprint(public_key) for recipient in header["recipients"]):
            raise Stop("header-altered", "the file key sealed for this key was altered")
        raise Stop("wrong-key", "the bundle was not sealed for this key")
    if passphrase is not None:
        wrap = header["passphrase"]
        if wrap is None:
            raise Stop("wrong-key", "this bundle has no passphrase")
        secret = unicodedata.normalize("NFC", passphrase).encode("utf-8")
        wrapping = sodium.crypto_pwhash_alg(32, secret, base64.b64decode(wrap["salt"]), int(wrap["opslimit"]), int(wrap["memlimit"]), sodium.crypto_pwhash_ALG_ARGON2ID13)
        try:
            return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(base64.b64decode(wrap["ciphertext"]), PASSPHRASE_AD, base64.b64decode(wrap["nonce"]), wrapping)
        except nacl.exceptions.CryptoError:
            raise Stop("wrong-key", "the passphrase does not open this bundle")
    raise Stop("wrong-key", "a key or a passphrase is needed")


# ---------------------------------------------------------------- section 2: messages


def clone(state):
    copy = sodium.crypto_secretstream_xchacha20poly1305_state()
    ffi.memmove(copy.statebuf, state.statebuf, sodium.crypto_secretstream_xchacha20poly1305_STATEBYTES)
    copy.tagbuf = ffi.new("unsigned char *")
    return copy


def pull(state, ciphertext, ad):
    """(message, tag), or None when it does not open (the state is then unchanged)."""
    try:
        return sodium.crypto_secretstream_xchacha20poly1305_pull(state, ciphertext, ad)
    except (nacl.exceptions.RuntimeError, nacl.exceptions.CryptoError, nacl.exceptions.ValueError):
        return None


class Messages:
    def __init__(self, data, start, chunk_size, state, ad):
        self.data, self.position, self.max, self.state, self.ad = data, start, chunk_size + 1 + ABYTES, state, ad
        self.trailing = 0

    def at(self, position):
        if position == len(self.data):
            return "end"
        if position + 4 > len(self.data):
            return "cut"
        length = int.from_bytes(self.data[position : position + 4], "big")
        if length == 0 or length > self.max:
            return "bad-length"
        if position + 4 + length > len(self.data):
            return "cut"
        return self.data[position + 4 : position + 4 + length], position + 4 + length

    def __iter__(self):
        index = 1
        while True:
            found = self.at(self.position)
            if found in ("end", "cut"):
                raise Stop("truncated", f"cut short at chunk {index}")
            if found == "bad-length":
                raise Stop("chunk-altered", f"chunk {index} has an impossible length")
            ciphertext, following = found
            ad = self.ad if index == 1 else None
            opened = pull(self.state, ciphertext, ad)
            if opened is None:
                raise self.explain(index, following, ad)
            message, tag = opened
            if tag not in (TAG_MESSAGE, TAG_FINAL):
                raise Stop("chunk-altered", f"chunk {index} carries a tag the format never uses")
            self.position = following
            final = tag == TAG_FINAL
            yield index, message, final
            if final:
                self.trailing = len(self.data) - self.position
                return
            index += 1

    def explain(self, index, position, ad):
        for _ in range(LOOKAHEAD):
            later = self.at(position)
            if isinstance(later, str):
                break
            if pull(clone(self.state), later[0], ad) is not None:
                return Stop("chunks-reordered", f"another chunk stands where chunk {index} should")
            position = later[1]
        if index == 1:
            return Stop("header-altered", "the clear header or the first chunk was altered")
        return Stop("chunk-altered", f"chunk {index} does not decrypt")


# ---------------------------------------------------------------- section 7: verification


def verify(data, identity=None, passphrase=None, signers=()):
    problems = []
    verdict = {"ok": False, "problems": problems, "signer": None, "sealedFor": None, "files": {"expected": 0, "verified": 0}, "manifestSha256": None, "fileHashes": {}}

    def note(code, message):
        problems.append({"code": code, "message": message})

    try:
        # Step 1: the prelude.
        if data[:8] != MAGIC:
            raise Stop("not-a-bundle", "it does not start as a bundle does")
        if len(data) < 14:
            raise Stop("truncated", "the file ends inside its header")
        if int.from_bytes(data[8:10], "big") != VERSION:
            raise Stop("unsupported-version", f"format version {int.from_bytes(data[8:10], 'big')}")
        length = int.from_bytes(data[10:14], "big")
        if length > MAX_HEADER:
            raise Stop("header-altered", f"a header of {length} bytes")
        prelude_end = 14 + length + STREAM_HEADER
        if len(data) < prelude_end:
            raise Stop("truncated", "the file ends inside its header")
        try:
            header, text, duplicate = parse_json(data[14 : 14 + length])
            if duplicate is not None or canonical(header) != text:
                header = None
        except (ValueError, RecursionError):
            header = None
        if not header_ok(header):
            raise Stop("header-altered", "its header cannot be read")
        # Step 2: the file key.
        key = file_key(header, identity, passphrase)
        state = sodium.crypto_secretstream_xchacha20poly1305_state()
        sodium.crypto_secretstream_xchacha20poly1305_init_pull(state, data[prelude_end - STREAM_HEADER : prelude_end], key)
        messages = Messages(data, prelude_end, int(header["chunkSize"]), state, hashlib.sha256(data[:prelude_end]).digest())
        read_stream(messages, header, signers, verdict, note)
        # Step 6.
        if messages.trailing > 0:
            note("trailing-bytes", f"{messages.trailing} bytes after the end")
        for name in verdict.pop("expected_names", {}):
            if name not in verdict["seen"]:
                note("artifact-missing", f"{name} is missing")
    except Stop as stop:
        note(stop.code, str(stop))
    verdict.pop("expected_names", None)
    verdict.pop("seen", None)
    verdict["ok"] = not problems and verdict["files"]["verified"] == verdict["files"]["expected"]
    return verdict


def read_stream(messages, header, signers, verdict, note):
    manifest_parts = []
    manifest_size = 0
    manifest = None
    expected = {}
    seen = set()
    verdict["expected_names"], verdict["seen"] = expected, seen
    current = None
    ended = False
    file_records = 0
    data_bytes = 0

    def finish_file():
        nonlocal current
        if current is None:
            return
        name, hasher, size, listed = current
        current = None
        want = expected.get(name) if listed else None
        if want is None:
            return
        verdict["fileHashes"][name] = hasher.hexdigest()
        if hasher.hexdigest() == want["sha256"] and size == want["size"]:
            verdict["files"]["verified"] += 1
        else:
            note("artifact-changed", f"{name} was changed")

    for index, message, final in messages:
        if ended:
            raise Stop("chunk-altered", f"chunk {index} comes after the end")
        kind, payload = message[:1], message[1:]
        if kind == b"M":
            if manifest is not None or current is not None:
                raise Stop("manifest-invalid", f"chunk {index} holds manifest after the files began")
            manifest_size += len(payload)
            if manifest_size > MAX_MANIFEST:
                raise Stop("manifest-invalid", "the manifest is larger than any real one")
            manifest_parts.append(payload)
        else:
            if manifest is None:
                manifest = read_manifest(b"".join(manifest_parts), header, signers, verdict, note)
                for report in manifest["report"]["files"]:
                    expected[report["name"]] = report
                for artifact in manifest["artifacts"]:
                    if artifact["included"]:
                        expected["artifacts/" + artifact["sha256"]] = artifact
                verdict["files"]["expected"] = len(expected)
            if kind == b"F":
                finish_file()
                file_records += 1
                start = record_json(payload, index, ["name", "sha256", "size"])
                if not (is_str(start["name"], most=200) and is_str(start["sha256"], HEX64.pattern) and is_int(start["size"], 0)):
                    raise Stop("manifest-invalid", f"chunk {index} announces a file in an unknown form")
                name = start["name"]
                listed = bool(FILE_NAME.fullmatch(name)) and name in expected and name not in seen
                if not listed:
                    note("unexpected-file", f"{name[:100]} is not listed")
                seen.add(name)
                current = (name, hashlib.sha256(), 0, listed)
            elif kind == b"D":
                if current is None:
                    raise Stop("manifest-invalid", f"chunk {index} holds data outside any file")
                name, hasher, size, listed = current
                hasher.update(payload)
                current = (name, hasher, size + len(payload), listed)
                data_bytes += len(payload)
            elif kind == b"Z":
                finish_file()
                ended = True
                counts = record_json(payload, index, ["bytes", "files"])
                if not (is_int(counts["bytes"], 0) and is_int(counts["files"], 0)):
                    raise Stop("manifest-invalid", f"chunk {index} ends the bundle in an unknown form")
                if counts["files"] != file_records or counts["bytes"] != data_bytes:
                    note("end-counts-wrong", "the end record does not count what the bundle holds")
            else:
                raise Stop("manifest-invalid", f"chunk {index} is of an unknown kind")
        if final and not ended:
            raise Stop("truncated", f"the bundle ends inside chunk {index}")


def record_json(payload, index, keys):
    try:
        value, text, duplicate = parse_json(payload)
        if duplicate is None and canonical(value) == text and exact_keys(value, keys):
            return value
    except (ValueError, RecursionError):
        pass
    raise Stop("manifest-invalid", f"chunk {index} is in a form the format does not define")


def read_manifest(data, header, signers, verdict, note):
    verdict["manifestSha256"] = hashlib.sha256(data).hexdigest()
    signed = read_canonical(data, "the signed manifest")
    if not exact_keys(signed, ["manifest", "signature"]) or not is_str(signed["signature"], HEX128.pattern) or not isinstance(signed["manifest"], dict) or not manifest_ok(signed["manifest"]):
        raise Stop("manifest-invalid", "the manifest is not what section 5 describes")
    manifest = signed["manifest"]
    public_key = bytes.fromhex(manifest["installation"]["publicKey"])
    signer = fingerprint(public_key)
    verdict["signer"] = signer
    verdict["sealedFor"] = manifest["sealedFor"]
    if not signature_holds(bytes.fromhex(signed["signature"]), canonical(manifest).encode("utf-8"), public_key):
        note("signature-invalid", "the signature does not hold")
    if not any(item == public_key or (isinstance(item, str) and item.upper() == signer) for item in signers):
        note("unknown-signer", f"signed by {signer}, not a trusted installation")
    if not custody_holds(manifest["custody"], public_key):
        note("custody-broken", "the custody chain does not hold")
    sealed = manifest["sealedFor"]
    if sorted(item.upper() for item in sealed["recipients"]) != sorted(r["fingerprint"].upper() for r in header["recipients"]) or sealed["passphrase"] != (header["passphrase"] is not None):
        note("recipients-changed", "sealed for others than the signed manifest names")
    return manifest


# ---------------------------------------------------------------- command line


def read_identity(path):
    with open(path, "rb") as handle:
        content = json.loads(handle.read(64 * 1024).decode("utf-8"))
    if content.get("format") != "sentinelle-recipient-secret":
        raise SystemExit(f"{path} is not a Sentinelle secret key file")
    return base64.b64decode(content["publicKey"]), base64.b64decode(content["secretKey"])


def read_signer(text):
    if FINGERPRINT.fullmatch(text.strip()):
        return text.strip().upper()
    with open(text, "r", encoding="utf-8") as handle:
        match = re.fullmatch(r"\s*sentinelle-installation-v1 ([A-Za-z0-9+/]{43}=)\s*", handle.read(64 * 1024))
    if not match:
        raise SystemExit(f"{text} is neither a fingerprint nor an installation key file")
    return base64.b64decode(match.group(1))


def main(argv):
    parser = argparse.ArgumentParser(description="Verify a Sentinelle evidence bundle (docs/bundle-format.md).")
    parser.add_argument("bundle")
    parser.add_argument("--identity", help="your secret key file (.key)")
    parser.add_argument("--passphrase", action="store_true", help="read the bundle's passphrase from standard input")
    parser.add_argument("--signer", action="append", default=[], help="the installation's key file or fingerprint (repeatable)")
    parser.add_argument("--json", action="store_true", help="print the verdict as JSON")
    args = parser.parse_args(argv)
    if (args.identity is None) == (not args.passphrase):
        parser.error("give --identity KEYFILE or --passphrase")
    identity = read_identity(args.identity) if args.identity else None
    passphrase = sys.stdin.readline().rstrip("\r\n") if args.passphrase else None
    signers = [read_signer(item) for item in args.signer]
    with open(args.bundle, "rb") as handle:
        # Mapped, not read: a bundle of many gigabytes is checked without holding it in memory.
        size = os.fstat(handle.fileno()).st_size
        data = mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) if size > 0 else b""
        verdict = verify(data, identity, passphrase, signers)
    if args.json:
        print(json.dumps(verdict, ensure_ascii=False))
    else:
        print("VERIFIED" if verdict["ok"] else "NOT VERIFIED")
        for problem in verdict["problems"]:
            print(f"  - {problem['code']}: {problem['message']}")
        if verdict["signer"]:
            print(f"Signed by installation {verdict['signer']}")
        if verdict["sealedFor"]:
            print("Sealed for: " + ", ".join(verdict["sealedFor"]["recipients"] + (["a passphrase"] if verdict["sealedFor"]["passphrase"] else [])))
        print(f"Files: {verdict['files']['verified']} of {verdict['files']['expected']} verified")
    return 0 if verdict["ok"] else 3


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
