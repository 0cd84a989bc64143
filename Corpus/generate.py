#!/usr/bin/env python3
"""Generate the deeploy-payload corpus: every file under Corpus/cases/ and Corpus/manifest.json.

Standard library only, deterministic (fixed seeds, no timestamps, no network).

    python3 Corpus/generate.py                    # regenerate cases/ and manifest.json
    python3 Corpus/generate.py --verify           # also compare `file --mime-type -b` with libmagic-5.44.tsv
    python3 Corpus/generate.py --record-libmagic  # re-record libmagic-5.44.tsv from `file` (after adding cases)

Every case's bytes are built here in code. The expected outcomes in the manifest come from the
models below (a strict RFC 8259 validator, the WHATWG MIME type parser and serializer, and the
Deeploy acceptance policy as the verdict issue states it), plus the recorded answers of libmagic
5.44 (`libmagic-5.44.tsv`), which the `sniffed` field follows except where libmagic is known to be
wrong (see `our_sniff`).
"""

import base64
import bz2
import io
import json
import lzma
import os
import random
import re
import shutil
import struct
import subprocess
import sys
import tarfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES_DIR = os.path.join(HERE, "cases")
MANIFEST = os.path.join(HERE, "manifest.json")
LIBMAGIC_TSV = os.path.join(HERE, "libmagic-5.44.tsv")

# ---------------------------------------------------------------------------------------------
# Strict RFC 8259 JSON validator (the model of the package's own parser, default options):
# UTF-8 validated (overlong forms and encoded surrogates rejected), unpaired \u surrogates
# rejected, a UTF-8 BOM rejected, nesting depth at most 512.
# ---------------------------------------------------------------------------------------------

MAX_DEPTH = 512
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_WS = " \t\n\r"


def _string_end(s, i):
    """Index after the JSON string starting at s[i] == '"', or -1."""
    n = len(s)
    j = i + 1
    while j < n:
        c = s[j]
        if c == '"':
            return j + 1
        if c == "\\":
            if j + 1 >= n:
                return -1
            e = s[j + 1]
            if e in '"\\/bfnrt':
                j += 2
                continue
            if e != "u":
                return -1
            h = s[j + 2 : j + 6]
            if len(h) != 4 or not all(ch in "0123456789abcdefABCDEF" for ch in h):
                return -1
            u = int(h, 16)
            j += 6
            if 0xDC00 <= u <= 0xDFFF:
                return -1
            if 0xD800 <= u <= 0xDBFF:
                h2 = s[j + 2 : j + 6]
                if s[j : j + 2] != "\\u" or len(h2) != 4 or not all(ch in "0123456789abcdefABCDEF" for ch in h2):
                    return -1
                if not 0xDC00 <= int(h2, 16) <= 0xDFFF:
                    return -1
                j += 6
            continue
        if ord(c) < 0x20:
            return -1
        j += 1
    return -1


def json_valid(data, max_depth=MAX_DEPTH):
    try:
        s = data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    n = len(s)
    i = 0
    stack = []
    state = "value"

    def ws(k):
        while k < n and s[k] in _WS:
            k += 1
        return k

    i = ws(0)
    while True:
        if state == "value":
            if i >= n:
                return False
            c = s[i]
            if c == "{" or c == "[":
                if len(stack) >= max_depth:
                    return False
                stack.append(c)
                i = ws(i + 1)
                close = "}" if c == "{" else "]"
                if i < n and s[i] == close:
                    stack.pop()
                    i += 1
                    state = "after"
                else:
                    state = "key" if c == "{" else "value"
                continue
            if c == '"':
                i = _string_end(s, i)
                if i < 0:
                    return False
            elif c == "-" or c.isdigit() and c in "0123456789":
                m = _NUMBER.match(s, i)
                if not m:
                    return False
                i = m.end()
            elif s.startswith("true", i):
                i += 4
            elif s.startswith("false", i):
                i += 5
            elif s.startswith("null", i):
                i += 4
            else:
                return False
            state = "after"
        elif state == "key":
            if i >= n or s[i] != '"':
                return False
            i = _string_end(s, i)
            if i < 0:
                return False
            i = ws(i)
            if i >= n or s[i] != ":":
                return False
            i = ws(i + 1)
            state = "value"
        else:  # after a value
            i = ws(i)
            if not stack:
                return i == n
            if i >= n:
                return False
            c = s[i]
            if c == ",":
                i = ws(i + 1)
                state = "key" if stack[-1] == "{" else "value"
            elif (c == "]" and stack[-1] == "[") or (c == "}" and stack[-1] == "{"):
                stack.pop()
                i += 1
            else:
                return False


def is_ndjson(data):
    """Every non-blank line a strictly valid JSON value, at least two of them."""
    lines = [l for l in data.split(b"\n") if l.strip(b" \t\r")]
    if len(lines) < 2:
        return False
    return all(json_valid(l.rstrip(b"\r")) for l in lines)


# ---------------------------------------------------------------------------------------------
# WHATWG MIME Sniffing: "parse a MIME type" and "serialize a MIME type".
# ---------------------------------------------------------------------------------------------

HTTP_WS = "\n\r\t "
TOKEN = set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _is_token(s):
    return len(s) > 0 and all(c in TOKEN for c in s)


def _is_qs_token(s):
    return all(c == "\t" or 0x20 <= ord(c) <= 0x7E or 0x80 <= ord(c) <= 0xFF for c in s)


class MIME:
    def __init__(self, type_, subtype, params):
        self.type = type_
        self.subtype = subtype
        self.params = params  # list of (name, value), first wins

    @property
    def essence(self):
        return self.type + "/" + self.subtype

    def param(self, name):
        for k, v in self.params:
            if k == name:
                return v
        return None

    def serialize(self):
        out = self.essence
        for k, v in self.params:
            if not _is_token(v):
                v = '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"'
            out += ";" + k + "=" + v
        return out


def parse_mime(inp):
    """WHATWG parse a MIME type; plus the package's rule that CR, LF or NUL anywhere is invalid."""
    if any(c in inp for c in "\r\n\0"):
        return None
    s = inp.strip(HTTP_WS)
    n = len(s)
    pos = 0
    j = s.find("/")
    if j < 0:
        return None
    type_ = s[:j]
    if not _is_token(type_):
        return None
    pos = j + 1
    k = s.find(";", pos)
    if k < 0:
        k = n
    subtype = s[pos:k].rstrip(HTTP_WS)
    if not _is_token(subtype):
        return None
    pos = k
    mt = MIME(type_.lower(), subtype.lower(), [])
    while pos < n:
        pos += 1  # skip ';'
        while pos < n and s[pos] in HTTP_WS:
            pos += 1
        start = pos
        while pos < n and s[pos] not in ";=":
            pos += 1
        name = s[start:pos].lower()
        if pos < n:
            if s[pos] == ";":
                continue
            pos += 1  # skip '='
        if pos >= n:
            break
        if s[pos] == '"':
            value = ""
            pos += 1
            while True:
                start = pos
                while pos < n and s[pos] not in '"\\':
                    pos += 1
                value += s[start:pos]
                if pos >= n:
                    break
                q = s[pos]
                pos += 1
                if q == "\\":
                    if pos >= n:
                        value += "\\"
                        break
                    value += s[pos]
                    pos += 1
                else:
                    break
            while pos < n and s[pos] != ";":
                pos += 1
        else:
            start = pos
            while pos < n and s[pos] != ";":
                pos += 1
            value = s[start:pos].rstrip(HTTP_WS)
            if value == "":
                continue
        if _is_token(name) and _is_qs_token(value) and mt.param(name) is None:
            mt.params.append((name, value))
    return mt


def normalize(inp):
    mt = parse_mime(inp)
    return None if mt is None else mt.serialize()


# ---------------------------------------------------------------------------------------------
# The sniffer and acceptance policy models.
# ---------------------------------------------------------------------------------------------

BINARY_BYTES = set(range(0x00, 0x09)) | {0x0B} | set(range(0x0E, 0x1B)) | set(range(0x1C, 0x20))
BOM8 = b"\xef\xbb\xbf"


def has_binary_byte(data):
    return any(b in BINARY_BYTES for b in data)


def first_binary_offset(data):
    for i, b in enumerate(data):
        if b in BINARY_BYTES:
            return i
    return -1


def our_sniff(data, magic):
    """What the package's Sniffer answers, given libmagic's answer for the same bytes."""
    if not data:
        return "application/x-empty"
    body = data[3:] if data.startswith(BOM8) else data
    if json_valid(body):
        return "application/json"
    if is_ndjson(data):
        return "application/x-ndjson"
    if magic in ("application/json", "application/x-ndjson"):
        return "text/plain"  # resembles JSON to libmagic, but is not strictly valid
    if magic == "image/x-icon":
        return "image/vnd.microsoft.icon"
    return magic


def is_scriptable(essence):
    if essence is None:
        return False
    t, _, sub = essence.partition("/")
    return (
        essence in ("text/html", "text/xml", "application/xml", "application/pdf")
        or sub.endswith("+xml")
    )


def in_accepted_set(essence):
    if essence in ("application/json", "application/pdf", "application/octet-stream", "binary/octet-stream"):
        return True
    t = essence.split("/")[0]
    return t in ("image", "text")


OCTET = ("application/octet-stream", "binary/octet-stream")
LATIN = ("iso-8859-1", "latin1", "windows-1252")


def is_utf16_text(data):
    """True for well-formed UTF-16 that starts with its byte-order mark."""
    for bom, codec in ((b"\xff\xfe", "utf-16le"), (b"\xfe\xff", "utf-16be")):
        if data.startswith(bom) and len(data) % 2 == 0:
            try:
                data[2:].decode(codec)
                return True
            except UnicodeDecodeError:
                return False
    return False


def text_problem(data, charset):
    """None when data is text in charset, else 'binary-as-text' or 'charset-mismatch'."""
    cs = (charset or "utf-8").lower()
    if cs in ("utf-16", "utf-16le", "utf-16be"):
        boms = {"utf-16le": [b"\xff\xfe"], "utf-16be": [b"\xfe\xff"], "utf-16": [b"\xff\xfe", b"\xfe\xff"]}[cs]
        for bom in boms:
            if data.startswith(bom) and len(data) % 2 == 0:
                try:
                    data[2:].decode("utf-16le" if bom == b"\xff\xfe" else "utf-16be")
                    return None
                except UnicodeDecodeError:
                    pass
        return "binary-as-text" if has_binary_byte(data) else "charset-mismatch"
    if is_utf16_text(data):
        # UTF-16 with a byte-order mark is text, just not in this charset.
        return "charset-mismatch"
    if has_binary_byte(data):
        return "binary-as-text"
    if cs == "utf-8":
        try:
            data.decode("utf-8")
            return None
        except UnicodeDecodeError:
            return "charset-mismatch"
    if cs == "us-ascii":
        return None if all(b < 0x80 for b in data) else "charset-mismatch"
    if cs in LATIN:
        return None
    raise ValueError("corpus uses an unmodelled charset: " + cs)


def json_has_duplicate_key(data):
    """Whether valid JSON `data` has an object that repeats a member name (the duplicate-key rule)."""
    def pairs(members):
        names = [name for name, _ in members]
        if len(names) != len(set(names)):
            raise KeyError("duplicate")
        return dict(members)
    try:
        text = data.decode("utf-8")
        json.loads(text[1:] if text.startswith("\ufeff") else text, object_pairs_hook=pairs)
        return False
    except KeyError:
        return True
    except ValueError:
        return False


def verdict(data, sniffed, polyglot, declared, strict):
    reasons = []
    soft = []  # warnings in the lenient policy, reasons in the strict one
    hard_warnings = []
    effective = None
    mt = None
    if declared is not None:
        mt = parse_mime(declared)
    if is_scriptable(sniffed) or (mt is not None and is_scriptable(mt.essence)):
        soft.append("scriptable")
    if polyglot:
        soft.append("polyglot")
    if declared is None:
        effective = "application/json"
        if not data:
            reasons.append("empty")
        elif not json_valid(data):
            reasons.append("invalid-json")
        elif json_has_duplicate_key(data):
            soft.append("duplicate-key")
    elif mt is None:
        reasons.append("invalid-declared-type")
    else:
        effective = mt.serialize()
        ess = mt.essence
        if ess in OCTET:
            if not data:
                hard_warnings.append("empty")
            elif sniffed not in OCTET and in_accepted_set(sniffed):
                hard_warnings.append("more-specific-type")
        elif not in_accepted_set(ess):
            reasons.append("not-accepted-type")
        elif not data:
            reasons.append("empty")
        elif ess == "application/json":
            if not json_valid(data):
                reasons.append("invalid-json")
            elif json_has_duplicate_key(data):
                soft.append("duplicate-key")
        elif ess == "application/pdf":
            if sniffed != "application/pdf":
                reasons.append("declared-mismatch")
        elif mt.type == "image":
            if not sniffed.startswith("image/"):
                reasons.append("declared-mismatch")
            elif mt.subtype != "*" and sniffed != ess:
                soft.append("subtype-mismatch")
        elif mt.type == "text":
            p = text_problem(data, mt.param("charset"))
            if p:
                reasons.append(p)
    if strict:
        reasons += soft
        warnings = hard_warnings
    else:
        warnings = soft + hard_warnings
    check = {
        "declared": declared,
        "accepted": not reasons,
        "reasons": reasons,
        "warnings": warnings,
    }
    if not reasons:
        check["effective"] = effective
    return check


# ---------------------------------------------------------------------------------------------
# Format builders.
# ---------------------------------------------------------------------------------------------

def le16(v):
    return struct.pack("<H", v)


def le32(v):
    return struct.pack("<I", v)


# --- PNG --------------------------------------------------------------------------------------

PNG_SIG = b"\x89PNG\r\n\x1a\n"


def png_chunk(ctype, data):
    return struct.pack(">I", len(data)) + ctype + data + struct.pack(">I", zlib.crc32(ctype + data) & 0xFFFFFFFF)


def png_rows(width, height, bpp_bytes, seed):
    rng = random.Random(seed)
    rows = []
    for y in range(height):
        rows.append(bytes(((x * 37 + y * 11 + rng.randrange(8)) & 0xFF) for x in range(width * bpp_bytes)))
    return rows


def png(width, height, color_type=2, bit_depth=8, rows=None, before_idat=(), after_idat=(), interlace=0,
        palette=None, seed=1, idat_split=1):
    channels = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[color_type]
    bits_pp = channels * bit_depth
    row_bytes = (width * bits_pp + 7) // 8
    if rows is None:
        rows = png_rows(row_bytes, height, 1, seed)
    if interlace:
        # Adam7: split the image into its seven passes (only for whole-byte pixels).
        bpp = bits_pp // 8
        raw = b""
        for xs, ys, dx, dy in ((0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)):
            if xs >= width or ys >= height:
                continue
            for y in range(ys, height, dy):
                line = b"".join(rows[y][x * bpp : (x + 1) * bpp] for x in range(xs, width, dx))
                raw += b"\x00" + line
    else:
        raw = b"".join(b"\x00" + r for r in rows)
    ihdr = struct.pack(">IIBBBBB", width, height, bit_depth, color_type, 0, 0, interlace)
    out = PNG_SIG + png_chunk(b"IHDR", ihdr)
    for c in before_idat:
        out += c
    if palette is not None:
        out += png_chunk(b"PLTE", palette)
    comp = zlib.compress(raw, 9)
    step = (len(comp) + idat_split - 1) // idat_split
    for k in range(0, len(comp), step):
        out += png_chunk(b"IDAT", comp[k : k + step])
    for c in after_idat:
        out += c
    return out + png_chunk(b"IEND", b"")


# --- JPEG -------------------------------------------------------------------------------------

def jseg(marker, payload):
    return b"\xff" + bytes([marker]) + struct.pack(">H", len(payload) + 2) + payload


JFIF = jseg(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")


def _dqt(table_id):
    return jseg(0xDB, bytes([table_id]) + bytes([1 + (k % 7) for k in range(64)]))


def _dht(tc_th):
    # One code of length 1 ("0"): DC category 0 in a DC table, EOB (0x00) in an AC table.
    return jseg(0xC4, bytes([tc_th]) + bytes([1] + [0] * 15) + b"\x00")


def _scan_bits(nbits):
    """nbits zero bits (each a one-bit code), padded with ones; no 0xFF can occur."""
    out = bytearray()
    bits = "0" * nbits
    bits += "1" * (-len(bits) % 8)
    for k in range(0, len(bits), 8):
        out.append(int(bits[k : k + 8], 2))
    return bytes(out)


def jpeg(width, height, components=1, progressive=False, app=(JFIF,), extra=()):
    blocks = ((width + 7) // 8) * ((height + 7) // 8)
    out = b"\xff\xd8"
    for a in app:
        out += a
    for e in extra:
        out += e
    out += _dqt(0)
    sof = struct.pack(">BHHB", 8, height, width, components)
    for c in range(components):
        sof += bytes([c + 1, 0x11, 0])
    out += jseg(0xC2 if progressive else 0xC0, sof)
    out += _dht(0x00) + _dht(0x10)
    if not progressive:
        sos = bytes([components]) + b"".join(bytes([c + 1, 0x00]) for c in range(components)) + b"\x00\x3f\x00"
        out += jseg(0xDA, sos) + _scan_bits(2 * blocks * components)
    else:
        # DC first scan (interleaved), then one AC scan per component (EOB per block).
        sos = bytes([components]) + b"".join(bytes([c + 1, 0x00]) for c in range(components)) + b"\x00\x00\x00"
        out += jseg(0xDA, sos) + _scan_bits(blocks * components)
        for c in range(components):
            out += jseg(0xDA, bytes([1, c + 1, 0x00, 1, 63, 0])) + _scan_bits(blocks)
    return out + b"\xff\xd9"


def exif_app1(thumbnail):
    """APP1 Exif with IFD0 (Orientation) and IFD1 pointing at an embedded JPEG thumbnail."""
    tiff = bytearray(b"II*\x00" + le32(8))
    # IFD0 at 8: one entry, next IFD at 26
    tiff += le16(1) + struct.pack("<HHII", 0x0112, 3, 1, 1) + le32(26)
    # IFD1 at 26: two entries, next 0; thumbnail after at 26 + 2 + 24 + 4 = 56
    tiff += le16(2) + struct.pack("<HHII", 0x0201, 4, 1, 56) + struct.pack("<HHII", 0x0202, 4, 1, len(thumbnail)) + le32(0)
    tiff += thumbnail
    return jseg(0xE1, b"Exif\x00\x00" + bytes(tiff))


# --- GIF --------------------------------------------------------------------------------------

def lzw_literal(pixels, min_code_size):
    """GIF LZW data using only literal codes, with a clear code often enough that the code
    width never grows: a valid stream every decoder reads back exactly."""
    clear = 1 << min_code_size
    eoi = clear + 1
    width = min_code_size + 1
    per_clear = clear - 2
    codes = []
    for k, p in enumerate(pixels):
        if k % per_clear == 0:
            codes.append(clear)
        codes.append(p)
    codes.append(eoi)
    acc = 0
    nacc = 0
    out = bytearray()
    for c in codes:
        acc |= c << nacc
        nacc += width
        while nacc >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            nacc -= 8
    if nacc:
        out.append(acc & 0xFF)
    blocks = bytearray([min_code_size])
    for k in range(0, len(out), 255):
        chunk = out[k : k + 255]
        blocks.append(len(chunk))
        blocks += chunk
    blocks.append(0)
    return bytes(blocks)


def gif_palette(n, seed):
    rng = random.Random(seed)
    return bytes(rng.randrange(256) for _ in range(3 * n))


def gif_frame(width, height, pixels, min_code_size, gce=None, left=0, top=0):
    out = b""
    if gce is not None:
        out += gce
    out += b"\x2c" + struct.pack("<HHHHB", left, top, width, height, 0)
    return out + lzw_literal(pixels, min_code_size)


def gce(delay=10, transparent=None):
    packed = 0x01 if transparent is not None else 0
    return b"\x21\xf9\x04" + bytes([packed]) + le16(delay) + bytes([transparent or 0]) + b"\x00"


def gif(version, width, height, frames_bytes, palette_bits=2, seed=3, extensions=b""):
    n = 1 << palette_bits
    packed = 0x80 | ((palette_bits - 1) << 4) | (palette_bits - 1)
    out = b"GIF" + version + struct.pack("<HHBBB", width, height, packed, 0, 0) + gif_palette(n, seed)
    return out + extensions + frames_bytes + b"\x3b"


def gif_pixels(width, height, colors, seed):
    rng = random.Random(seed)
    return [(x + y + rng.randrange(2)) % colors for y in range(height) for x in range(width)]


def simple_gif(version=b"89a", width=8, height=6, seed=3, extensions=b"", with_gce=False):
    pix = gif_pixels(width, height, 4, seed)
    frame = gif_frame(width, height, pix, 2, gce() if with_gce else None)
    return gif(version, width, height, frame, 2, seed, extensions)


# --- WebP -------------------------------------------------------------------------------------

class BitWriter:
    def __init__(self):
        self.acc = 0
        self.n = 0
        self.out = bytearray()

    def put(self, value, nbits):
        self.acc |= (value & ((1 << nbits) - 1)) << self.n
        self.n += nbits
        while self.n >= 8:
            self.out.append(self.acc & 0xFF)
            self.acc >>= 8
            self.n -= 8

    def bytes(self):
        return bytes(self.out) + (bytes([self.acc & 0xFF]) if self.n else b"")


def vp8l(width, height, argb, alpha_used=False):
    """A lossless VP8L bitstream of one uniform colour: five single-symbol prefix codes, so
    every pixel is coded with zero bits."""
    a, r, g, b = argb
    w = BitWriter()
    w.put(0x2F, 8)
    w.put(width - 1, 14)
    w.put(height - 1, 14)
    w.put(1 if alpha_used else 0, 1)
    w.put(0, 3)  # version
    w.put(0, 1)  # no transform
    w.put(0, 1)  # no colour cache
    w.put(0, 1)  # no meta prefix codes
    for sym in (g, r, b, a, 0):  # green, red, blue, alpha, distance
        w.put(1, 1)  # simple code
        w.put(0, 1)  # one symbol
        w.put(1, 1)  # 8-bit symbol
        w.put(sym, 8)
    return w.bytes()


def vp8_keyframe(width, height, part0=512, part1=128):
    """A VP8 key frame whose two partitions are all zero bytes. A boolean decoder reads only
    0 bits from zeros whatever the probability, which decodes as: no segmentation, no filter,
    no probability updates, no skip flag, B_PRED with B_DC_PRED sub-blocks, DC_PRED chroma and an
    immediate end-of-block for every block: a valid flat grey image."""
    tag = 0 | (0 << 1) | (1 << 4) | (part0 << 5)  # key frame, version 0, shown, partition 0 size
    hdr = struct.pack("<I", tag)[:3] + b"\x9d\x01\x2a" + le16(width) + le16(height)
    return hdr + bytes(part0) + bytes(part1)


def riff_chunk(fourcc, data):
    return fourcc + le32(len(data)) + data + (b"\x00" if len(data) % 2 else b"")


def webp(chunks):
    body = b"WEBP" + b"".join(chunks)
    return b"RIFF" + le32(len(body)) + body


def vp8x_chunk(width, height, flags=0):
    return riff_chunk(b"VP8X", bytes([flags, 0, 0, 0]) + struct.pack("<I", width - 1)[:3] + struct.pack("<I", height - 1)[:3])


# --- BMP --------------------------------------------------------------------------------------

def bmp(width, height, bpp, seed=5, header="info", topdown=False, palette_size=None):
    rng = random.Random(seed)
    row_len = ((width * bpp + 31) // 32) * 4
    rows = []
    for y in range(height):
        raw = bytes(rng.randrange(256) for _ in range((width * bpp + 7) // 8))
        rows.append(raw + bytes(row_len - len(raw)))
    pixels = b"".join(rows)
    palette = b""
    if bpp <= 8:
        n = palette_size or (1 << bpp)
        palette = b"".join(bytes([rng.randrange(256), rng.randrange(256), rng.randrange(256), 0]) for _ in range(n))
        if header == "core":
            palette = b"".join(palette[k : k + 3] for k in range(0, len(palette), 4))
    if header == "core":
        dib = struct.pack("<IHHHH", 12, width, height, 1, bpp)
    else:
        h = -height if topdown else height
        ncolors = (palette_size or 0) if bpp <= 8 else 0
        dib = struct.pack("<IiiHHIIiiII", 40, width, h, 1, bpp, 0, len(pixels), 2835, 2835, ncolors, 0)
        if header == "v5":
            dib = struct.pack("<IiiHHIIiiII", 124, width, h, 1, bpp, 3, len(pixels), 2835, 2835, 0, 0)
            dib += struct.pack("<IIII", 0x00FF0000, 0x0000FF00, 0x000000FF, 0xFF000000)
            dib += b"BGRs" + bytes(36) + bytes(12) + struct.pack("<IIII", 4, 0, 0, 0)
    offset = 14 + len(dib) + len(palette)
    return b"BM" + struct.pack("<IHHI", offset + len(pixels), 0, 0, offset) + dib + palette + pixels


# --- TIFF -------------------------------------------------------------------------------------

def tiff(little, width, height, spp=1, rows_per_strip=None, seed=7):
    e = "<" if little else ">"
    rng = random.Random(seed)
    data = bytes(rng.randrange(256) for _ in range(width * height * spp))
    rps = rows_per_strip or height
    strips = [data[y * width * spp : min(height, y + rps) * width * spp] for y in range(0, height, rps)]
    entries = []  # (tag, type, count, payload bytes)

    def short(*vals):
        return b"".join(struct.pack(e + "H", v) for v in vals)

    def long_(*vals):
        return b"".join(struct.pack(e + "I", v) for v in vals)

    nstrips = len(strips)
    entries.append((256, 3, 1, short(width)))
    entries.append((257, 3, 1, short(height)))
    entries.append((258, 3, spp, short(*([8] * spp))))
    entries.append((259, 3, 1, short(1)))
    entries.append((262, 3, 1, short(2 if spp == 3 else 1)))
    entries.append((273, 4, nstrips, None))  # strip offsets, filled below
    entries.append((277, 3, 1, short(spp)))
    entries.append((278, 3, 1, short(rps)))
    entries.append((279, 4, nstrips, long_(*[len(s) for s in strips])))
    entries.append((282, 5, 1, long_(72, 1)))
    entries.append((283, 5, 1, long_(72, 1)))
    entries.append((296, 3, 1, short(2)))
    ifd_size = 2 + 12 * len(entries) + 4
    extra_at = 8 + ifd_size
    # Lay out the out-of-line values, then the strips.
    sizes = []
    for tag, typ, count, payload in entries:
        size = count * {3: 2, 4: 4, 5: 8}[typ]
        sizes.append(size)
    extra_len = sum(s for s in sizes if s > 4)
    strip_at = extra_at + extra_len
    offs = []
    p = strip_at
    for s in strips:
        offs.append(p)
        p += len(s)
    entries = [(t, ty, c, long_(*offs) if t == 273 else pl) for t, ty, c, pl in entries]
    ifd = struct.pack(e + "H", len(entries))
    extra = b""
    for (tag, typ, count, payload), size in zip(entries, sizes):
        if size > 4:
            ifd += struct.pack(e + "HHII", tag, typ, count, extra_at + len(extra))
            extra += payload
        else:
            ifd += struct.pack(e + "HHI", tag, typ, count) + payload + bytes(4 - len(payload))
    ifd += long_(0)
    head = (b"II" if little else b"MM") + struct.pack(e + "HI", 42, 8)
    return head + ifd + extra + b"".join(strips)


# --- ICO --------------------------------------------------------------------------------------

def ico_dib(width, height, seed):
    rng = random.Random(seed)
    xor = bytes(rng.randrange(256) for _ in range(width * height * 4))
    mask_row = ((width + 31) // 32) * 4
    andmask = bytes(mask_row * height)
    hdr = struct.pack("<IiiHHIIiiII", 40, width, height * 2, 1, 32, 0, len(xor) + len(andmask), 0, 0, 0, 0)
    return hdr + xor + andmask


def ico(images, kind=1):
    """images: list of (width, height, bpp, payload)."""
    out = struct.pack("<HHH", 0, kind, len(images))
    offset = 6 + 16 * len(images)
    body = b""
    for w, h, bpp, payload in images:
        planes, bits = (1, bpp) if kind == 1 else (w // 2, h // 2)  # CUR: hotspot
        out += struct.pack("<BBBBHHII", w % 256, h % 256, 0, 0, planes, bits, len(payload), offset + len(body))
        body += payload
    return out + body


# --- PDF --------------------------------------------------------------------------------------

def pdf(version, objects, eol=b"\n", binary_comment=True, info=None, final_eol=True):
    """A classic PDF: numbered objects, an xref table with exact offsets, trailer, %%EOF."""
    out = b"%PDF-" + version + eol
    if binary_comment:
        out += b"%\xe2\xe3\xcf\xd3" + eol
    offsets = []
    for k, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj" % k + eol + body + eol + b"endobj" + eol
    xref_at = len(out)
    entry_eol = b" \n" if eol == b"\n" else b"\r\n"
    out += b"xref" + eol + b"0 %d" % (len(objects) + 1) + eol + b"0000000000 65535 f" + entry_eol
    for o in offsets:
        out += b"%010d 00000 n" % o + entry_eol
    trailer = b"<< /Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % info
    trailer += b" /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] >>"
    out += b"trailer" + eol + trailer + eol + b"startxref" + eol + b"%d" % xref_at + eol + b"%%EOF"
    return out + (eol if final_eol else b"")


def pdf_stream(content, dict_extra=b"", compress=False):
    if compress:
        content = zlib.compress(content, 9)
        dict_extra += b" /Filter /FlateDecode"
    return b"<< /Length %d%s >>\nstream\n" % (len(content), dict_extra) + content + b"\nendstream"


def pdf_basic_objects(text=b"Hello, Deeploy", compress=False, pages=1, extra_catalog=b""):
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R" + extra_catalog + b" >>",
        None,  # pages, filled below
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    kids = []
    for p in range(pages):
        page_num = len(objs) + 1
        content_num = page_num + 1
        kids.append(b"%d 0 R" % page_num)
        objs.append(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>" % content_num)
        stream = b"BT /F1 24 Tf 72 720 Td (" + text + b" page %d) Tj ET" % (p + 1)
        objs.append(pdf_stream(stream, compress=compress))
    objs[1] = b"<< /Type /Pages /Kids [" + b" ".join(kids) + b"] /Count %d >>" % pages
    return objs


def pdf15_xref_stream():
    """PDF 1.5 with an object stream and a cross-reference stream (no xref table)."""
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    # Objects 1-3 live in object stream 5; page content is 4; xref stream is 6.
    inner = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [7 0 R] /Count 1 >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    offs = []
    body = b""
    for o in inner:
        offs.append(len(body))
        body += o + b"\n"
    header = b" ".join(b"%d %d" % (k + 1, offs[k]) for k in range(3)) + b"\n"
    objstm = zlib.compress(header + body, 9)
    offsets = {}
    content = pdf_stream(b"BT /F1 24 Tf 72 720 Td (Object streams, PDF 1.5) Tj ET", compress=True)
    offsets[4] = len(out)
    out += b"4 0 obj\n" + content + b"\nendobj\n"
    offsets[5] = len(out)
    out += b"5 0 obj\n<< /Type /ObjStm /N 3 /First %d /Length %d /Filter /FlateDecode >>\nstream\n" % (len(header), len(objstm)) + objstm + b"\nendstream\nendobj\n"
    offsets[7] = len(out)
    out += b"7 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>\nendobj\n"
    offsets[6] = len(out)
    rows = b""
    for num in range(8):
        if num == 0:
            rows += bytes([0]) + struct.pack(">I", 0) + struct.pack(">H", 65535)
        elif num in (1, 2, 3):
            rows += bytes([2]) + struct.pack(">I", 5) + struct.pack(">H", num - 1)
        else:
            rows += bytes([1]) + struct.pack(">I", offsets[num]) + struct.pack(">H", 0)
    xs = zlib.compress(rows, 9)
    out += b"6 0 obj\n<< /Type /XRef /Size 8 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n" % len(xs) + xs + b"\nendstream\nendobj\n"
    out += b"startxref\n%d\n%%%%EOF\n" % offsets[6]
    return out


def pdf_incremental():
    """A PDF 1.7 followed by an incremental update: two %%EOF markers, nothing after the last."""
    base = pdf(b"1.7", pdf_basic_objects(b"Original"))
    prev = int(base.rsplit(b"startxref\n", 1)[1].split(b"\n")[0])
    out = base
    off = len(out)
    out += b"5 0 obj\n" + pdf_stream(b"BT /F1 24 Tf 72 720 Td (Updated) Tj ET") + b"\nendobj\n"
    xref_at = len(out)
    out += b"xref\n0 1\n0000000000 65535 f \n5 1\n%010d 00000 n \n" % off
    out += b"trailer\n<< /Size 6 /Root 1 0 R /Prev %d >>\nstartxref\n%d\n%%%%EOF\n" % (prev, xref_at)
    return out


# --- ZIP and other containers ---------------------------------------------------------------

def zip_archive(files, base=0, deflate=False, comment=b""):
    """A ZIP whose offsets are correct when it starts at byte `base` of the final file."""
    local = b""
    central = b""
    for name, data in files:
        crc = zlib.crc32(data) & 0xFFFFFFFF
        if deflate:
            c = zlib.compressobj(9, zlib.DEFLATED, -15)
            comp = c.compress(data) + c.flush()
            method = 8
        else:
            comp = data
            method = 0
        offset = base + len(local)
        # 2020-01-01 00:00:00 in DOS format
        dtime, ddate = 0, ((2020 - 1980) << 9) | (1 << 5) | 1
        local += struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, method, dtime, ddate, crc, len(comp), len(data), len(name), 0) + name + comp
        central += struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, method, dtime, ddate, crc, len(comp), len(data), len(name), 0, 0, 0, 0, 0, offset) + name
    eocd = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, len(files), len(files), len(central), base + len(local), len(comment)) + comment
    return local + central + eocd


def gzip_bytes(data):
    # Header by hand: no file name, mtime 0, OS 255 (unknown).
    c = zlib.compressobj(9, zlib.DEFLATED, -15)
    comp = c.compress(data) + c.flush()
    return b"\x1f\x8b\x08\x00" + le32(0) + b"\x02\xff" + comp + le32(zlib.crc32(data) & 0xFFFFFFFF) + le32(len(data) & 0xFFFFFFFF)


def tar_bytes(files):
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.USTAR_FORMAT) as t:
        for name, data in files:
            ti = tarfile.TarInfo(name)
            ti.size = len(data)
            ti.mtime = 0
            ti.mode = 0o644
            ti.uid = ti.gid = 0
            ti.uname = ti.gname = ""
            t.addfile(ti, io.BytesIO(data))
    return buf.getvalue()


def elf(bits=64, etype=2):
    code = b"\x48\x31\xff\xb8\x3c\x00\x00\x00\x0f\x05"  # xor rdi,rdi; mov eax,60; syscall
    if bits == 64:
        ident = b"\x7fELF\x02\x01\x01" + bytes(9)
        entry = 0x400000 + 64 + 56
        hdr = ident + struct.pack("<HHIQQQIHHHHHH", etype, 0x3E, 1, entry, 64, 0, 0, 64, 56, 1, 64, 0, 0)
        size = 64 + 56 + len(code)
        ph = struct.pack("<IIQQQQQQ", 1, 5, 0, 0x400000, 0x400000, size, size, 0x1000)
    else:
        ident = b"\x7fELF\x01\x01\x01" + bytes(9)
        entry = 0x8048000 + 52 + 32
        hdr = ident + struct.pack("<HHIIIIIHHHHHH", etype, 0x03, 1, entry, 52, 0, 0, 52, 32, 1, 40, 0, 0)
        size = 52 + 32 + len(code)
        ph = struct.pack("<IIIIIIII", 1, 0, 0x8048000, 0x8048000, size, size, 5, 0x1000)
    return hdr + ph + code


# ---------------------------------------------------------------------------------------------
# Case registry.
# ---------------------------------------------------------------------------------------------

FILES = []
TENSORS = []
PAIRS = []
WRITTEN = {}


def put(path, data):
    assert path not in WRITTEN, path
    WRITTEN[path] = data


def case(category, sub, name, ext, data, declared, strict=(), polyglot=False, note=None, first_format=None):
    """Register one file for the sniff-and-verdict test."""
    folder = category if sub is None else category + "/" + sub
    declared = list(dict.fromkeys(declared))
    strict = list(dict.fromkeys(strict))
    path = "cases/%s/%s.%s" % (folder, name, ext)
    put(path, data)
    FILES.append({
        "id": "%s/%s" % (folder, name),
        "path": path,
        "category": category,
        "data": data,
        "declared": list(declared),
        "strict": list(strict),
        "polyglot": polyglot,
        "note": note,
        "first_format": first_format,
    })


J = lambda s: s.encode("utf-8")

# Declared-type sets: every file is also tried under wrong ("mislabeled") types.
JSON_DECL = [None, "application/json", "application/json; charset=utf-8", "text/plain", "application/octet-stream", "image/png"]
JSON_EXTRA = [
    ["binary/octet-stream", "application/pdf"],
    ["Application/JSON", "text/json"],
    ["application/vnd.api+json", "garbage"],
    ["text/plain; charset=us-ascii", "image/*"],
    ["application/xml", "text/"],
]
IMAGE_COMMON = ["application/pdf", "application/json", "text/plain", "application/octet-stream", "binary/octet-stream", "video/mp4"]
PDF_DECL = [None, "application/pdf", "image/png", "application/json", "text/plain", "application/octet-stream", "application/zip"]
TEXT_DECL = [None, "text/plain", "text/plain; charset=utf-8", "text/plain; charset=us-ascii", "application/json", "application/octet-stream", "image/png"]
BIN_DECL = [None, "application/octet-stream", "binary/octet-stream", "text/plain", "application/json", "image/png", "application/pdf"]
MALJSON_DECL = [None, "application/json", "text/plain", "application/octet-stream"]

_json_counter = [0]


def json_case(name, text_or_bytes, sub="json", category="valid", extra=None, note=None):
    data = text_or_bytes if isinstance(text_or_bytes, bytes) else J(text_or_bytes)
    k = _json_counter[0]
    _json_counter[0] += 1
    decl = JSON_DECL + (extra if extra is not None else JSON_EXTRA[k % len(JSON_EXTRA)])
    case(category, sub, name, "json", data, decl, note=note)


def image_case(name, ext, mime, data, wrong_subtype, sub="image", category="valid", polyglot=False, note=None):
    decl = [None, mime, wrong_subtype] + IMAGE_COMMON
    strict = [mime, wrong_subtype, "application/octet-stream"]
    case(category, sub, name, ext, data, decl, strict, polyglot=polyglot, note=note)


# ---------------------------------------------------------------------------------------------
# valid/json
# ---------------------------------------------------------------------------------------------

def gen_valid_json():
    json_case("object-simple", '{"name": "deeploy", "version": 1, "active": true}')
    json_case("object-nested", json.dumps({"a": {"b": {"c": [1, 2, {"d": None}]}}, "e": [[], {}], "f": "g"}, indent=2))
    json_case("object-empty", "{}")
    json_case("object-empty-key", '{"": 0, " ": [" "]}')
    json_case("object-duplicate-keys", '{"a": 1, "a": 2}', note="valid per RFC 8259 grammar; duplicate-key policy is the parser's; the verdict warns (duplicate-key)")
    json_case("array-empty", "[]")
    json_case("array-mixed", '[1, -2.5, "three", true, false, null, {}, [], {"k": "v"}]')
    json_case("array-of-objects", json.dumps([{"id": i, "label": "item-%d" % i, "score": i / 8} for i in range(12)]))
    json_case("scalar-int", "7")
    json_case("scalar-negative-float", "-12.5e+3")
    json_case("scalar-zero", "0")
    json_case("scalar-string-unicode", '"h\u00e9llo"')
    json_case("scalar-false", "false")
    json_case("scalar-null-padded", "\n  null \r\n")
    json_case("string-escapes-all", r'{"s": "quote\" backslash\\ slash\/ \b \f \n \r \t end"}')
    json_case("string-escaped-nul", r'["\u0000", "a\u0001b", "\u001f"]', note="escaped control characters are valid JSON and are not raw binary bytes")
    json_case("unicode-escapes", r'{"latin": "\u00e9\u00e8", "cjk": "\u4e2d\u6587", "upper-hex": "\u00C9\u00FF"}')
    json_case("unicode-surrogate-pair", r'{"grin": "\ud83d\ude00", "clef": "\uD834\uDD1E"}')
    json_case("unicode-noncharacters", r'["\uffff", "\ufffe", "\ufdd0"]', note="noncharacters are Unicode scalar values: valid")
    json_case("unicode-raw-scripts", json.dumps({
        "latin": "Ça va? Ærøskøbing, Straße, naïve",
        "greek": "Καλημέρα κόσμε",
        "cyrillic": "Привет, мир",
        "arabic": "مرحبا بالعالم",
        "hebrew": "שלום עולם",
        "devanagari": "नमस्ते दुनिया",
        "cjk": "你好，世界 こんにちは世界",
        "hangul": "안녕하세요 세계",
        "thai": "สวัสดีชาวโลก",
    }, ensure_ascii=False, indent=1))
    json_case("unicode-emoji", json.dumps({
        "simple": "😀🎉🚀",
        "zwj": "👩‍💻👨‍👩‍👧‍👦",
        "flags": "🇳🇱🇯🇵",
        "skin": "👍🏽",
        "keycap": "1️⃣",
    }, ensure_ascii=False))
    json_case("unicode-keys", json.dumps({"ключ": 1, "键": 2, "🔑": 3, "clé": 4}, ensure_ascii=False))
    json_case("number-1e400", "1E400", note="out of double range: still valid JSON, the number keeps its source text")
    json_case("number-negative-zero", "-0")
    json_case("number-30-digits", "123456789012345678901234567890")
    json_case("number-tiny", "1.0e-400")
    json_case("number-mix", "[0, -0, 0.0, -0.0, 1e10, 1E+2, 1e-2, 123.456e-789, -1E400, 9007199254740993]")
    json_case("number-int64-limits", "[9223372036854775807, -9223372036854775808, 18446744073709551615, 18446744073709551616]")
    json_case("number-double-limits", "[1.7976931348623157e308, 4.9e-324, 2.2250738585072014e-308]")
    json_case("whitespace-all-kinds", '\t{\r\n  "a" :\t[ 1 ,\n 2 ] ,  "b" : { } \r\n}\n\n')
    json_case("crlf-pretty", json.dumps({"lines": ["one", "two"], "n": 2}, indent=4).replace("\n", "\r\n"))
    json_case("deep-400", "[" * 400 + "]" * 400, note="400 levels: under the default depth limit (512); libmagic says text/plain")
    json_case("long-string", json.dumps({"text": ("lorem ipsum dolor sit amet " * 400).strip()}))
    json_case("string-looks-like-html", json.dumps("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"),
              note="a JSON string holding HTML: libmagic says text/html, it is JSON and not scriptable")
    json_case("string-looks-like-pdf", json.dumps("%PDF-1.7 not a pdf"))
    # V1 request bodies
    json_case("v1-instances-numbers", json.dumps({"instances": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6], [5.1, 3.5, 1.4, 0.2]]}))
    json_case("v1-instances-objects", json.dumps({"instances": [{"age": 39, "workclass": "State-gov", "hours": 40}, {"age": 50, "workclass": "Self-emp", "hours": 13}]}, indent=2))
    json_case("v1-instances-b64", json.dumps({"instances": [{"image_bytes": {"b64": base64.b64encode(png(2, 2, 0, seed=9)).decode()}, "key": "1"}]}))
    json_case("v1-signature-name", json.dumps({"signature_name": "serving_default", "instances": [{"x": [1, 2]}, {"x": [3, 4]}]}))
    json_case("v1-inputs-rows", json.dumps({"inputs": [[1, 2, 3], [4, 5, 6]]}))
    json_case("v1-inputs-columnar", json.dumps({"inputs": {"a": [1, 2], "b": ["x", "y"]}}))
    # V1 responses
    json_case("v1-predictions", json.dumps({"predictions": [1, 1, 0]}))
    json_case("v1-predictions-objects", json.dumps({"predictions": [{"label": "cat", "score": 0.93}, {"label": "dog", "score": 0.88}]}))
    json_case("v1-explanations", json.dumps({
        "predictions": [1, 0],
        "explanations": [{"shap_values": [0.1, -0.2, 0.05]}, {"shap_values": [-0.3, 0.2, 0.0]}],
    }, indent=2))
    json_case("v1-deeploy-extras", json.dumps({
        "predictions": [0.2, 0.8],
        "featureLabels": ["age", "income"],
        "requestLogId": "4b0b3f0e-2b57-4b63-9f5b-1c1b1f7b1e01",
        "predictionLogIds": ["9a7e5c1e-0001-4d2e-8f3a-000000000001", "9a7e5c1e-0002-4d2e-8f3a-000000000002"],
    }))
    # V2 (Open Inference Protocol)
    json_case("v2-request-fp32", json.dumps({"inputs": [{"name": "input-0", "shape": [2, 4], "datatype": "FP32", "data": [6.8, 2.8, 4.8, 1.4, 6.0, 3.4, 4.5, 1.6]}]}))
    json_case("v2-request-bytes", json.dumps({"inputs": [{"name": "text", "shape": [2], "datatype": "BYTES", "data": ["hello", "wörld"]}]}, ensure_ascii=False))
    json_case("v2-request-full", json.dumps({
        "id": "req-42",
        "parameters": {"content_type": "np"},
        "inputs": [
            {"name": "a", "shape": [1, 3], "datatype": "INT64", "parameters": {"content_type": "np"}, "data": [1, 2, 3]},
            {"name": "b", "shape": [1], "datatype": "BOOL", "data": [True]},
        ],
        "outputs": [{"name": "out", "parameters": {"binary_data": False}}],
    }, indent=2))
    json_case("v2-response", json.dumps({
        "model_name": "iris", "model_version": "v1", "id": "req-42", "parameters": {},
        "outputs": [{"name": "predict", "shape": [2], "datatype": "INT64", "data": [1, 2]}],
    }))
    json_case("v2-error", json.dumps({"error": "Input tensor 'input-0' has shape [2, 3], expected [2, 4]"}))
    # Generative shapes
    json_case("completions-prompt", json.dumps({"prompt": ["Once upon a time", "The quick brown fox"], "max_tokens": 16}))
    json_case("completions-choices", json.dumps({"id": "cmpl-1", "object": "text_completion", "choices": [
        {"index": 0, "text": " there was a model.", "finish_reason": "stop"},
        {"index": 1, "text": " jumps over the lazy dog.", "finish_reason": "stop"}]}))
    json_case("chat-messages", json.dumps({"messages": [{"role": "system", "content": "Be brief."}, {"role": "user", "content": "Hi ✋"}]}, ensure_ascii=False))
    json_case("embeddings", json.dumps({"data": [{"object": "embedding", "index": 0, "embedding": [0.0023, -0.0093, 0.0156]}]}))


# ---------------------------------------------------------------------------------------------
# valid/pdf
# ---------------------------------------------------------------------------------------------

def gen_valid_pdf():
    pdfs = [
        ("pdf-1.3", pdf(b"1.3", pdf_basic_objects(b"PDF 1.3"), binary_comment=False)),
        ("pdf-1.4", pdf(b"1.4", pdf_basic_objects(b"PDF 1.4") + [b"<< /Title (Corpus 1.4) /Producer (generate.py) >>"], info=6)),
        ("pdf-1.5-xref-stream", pdf15_xref_stream()),
        ("pdf-1.6", pdf(b"1.6", pdf_basic_objects(b"PDF 1.6", compress=True))),
        ("pdf-1.7-flate", pdf(b"1.7", pdf_basic_objects(b"PDF 1.7 compressed", compress=True))),
        ("pdf-1.7-multipage", pdf(b"1.7", pdf_basic_objects(b"Multi", pages=3))),
        ("pdf-2.0", pdf(b"2.0", pdf_basic_objects(b"PDF 2.0"))),
        ("pdf-1.4-crlf", pdf(b"1.4", pdf_basic_objects(b"CRLF"), eol=b"\r\n")),
        ("pdf-1.4-ascii-only", pdf(b"1.4", pdf_basic_objects(b"ASCII only"), binary_comment=False)),
        ("pdf-1.7-no-final-eol", pdf(b"1.7", pdf_basic_objects(b"No EOL"), final_eol=False)),
        ("pdf-1.7-incremental-update", pdf_incremental()),
        ("pdf-1.7-javascript", pdf(b"1.7", pdf_basic_objects(b"JS", extra_catalog=b" /OpenAction 6 0 R") +
                                    [b"<< /S /JavaScript /JS (app.alert\\('corpus'\\);) >>"])),
    ]
    for name, data in pdfs:
        case("valid", "pdf", name, "pdf", data, PDF_DECL, ["application/pdf", "application/octet-stream"])


# ---------------------------------------------------------------------------------------------
# valid/image
# ---------------------------------------------------------------------------------------------

def gen_valid_images():
    pal16 = gif_palette(16, 11)
    png_cases = [
        ("png-gray8", png(8, 8, 0, 8, seed=1)),
        ("png-rgb8", png(16, 12, 2, 8, seed=2)),
        ("png-rgba8", png(10, 10, 6, 8, seed=3)),
        ("png-palette", png(12, 8, 3, 4, palette=pal16, seed=4)),
        ("png-gray-alpha", png(6, 6, 4, 8, seed=5)),
        ("png-1bit", png(17, 5, 0, 1, seed=6)),
        ("png-rgb16", png(4, 4, 2, 16, seed=7)),
        ("png-1x1", png(1, 1, 6, 8, seed=8)),
        ("png-interlaced", png(11, 9, 2, 8, interlace=1, seed=9)),
        ("png-multi-idat", png(20, 20, 2, 8, seed=10, idat_split=4)),
        ("png-ancillary-chunks", png(8, 8, 2, 8, seed=11, before_idat=[
            png_chunk(b"gAMA", struct.pack(">I", 45455)),
            png_chunk(b"pHYs", struct.pack(">IIB", 2835, 2835, 1)),
            png_chunk(b"tIME", struct.pack(">HBBBBB", 2020, 1, 1, 0, 0, 0)),
            png_chunk(b"tEXt", b"Comment\x00made by Corpus/generate.py"),
            png_chunk(b"zTXt", b"Title\x00\x00" + zlib.compress(b"compressed text", 9)),
            png_chunk(b"iTXt", b"Author\x00\x00\x00en\x00Auteur\x00" + "Zoë".encode()),
        ])),
        ("png-text-mentions-script", png(4, 4, 2, 8, seed=12, before_idat=[
            png_chunk(b"tEXt", b"Comment\x00<script>alert(1)</script>")])),
    ]
    wrongs = ["image/jpeg", "image/gif", "image/webp"]
    for k, (name, data) in enumerate(png_cases):
        note = None
        if name == "png-text-mentions-script":
            note = "script text inside a tEXt chunk, before IEND: not a polyglot by the stated rules"
        image_case(name, "png", "image/png", data, wrongs[k % 3], note=note)
    # APNG: two frames
    idat_rows = png_rows(8 * 3, 8, 1, 21)
    frame2 = zlib.compress(b"".join(b"\x00" + r for r in png_rows(8 * 3, 8, 1, 22)), 9)
    fctl = lambda seq: png_chunk(b"fcTL", struct.pack(">IIIIIHHBB", seq, 8, 8, 0, 0, 1, 10, 0, 0))
    apng = png(8, 8, 2, 8, rows=idat_rows, before_idat=[png_chunk(b"acTL", struct.pack(">II", 2, 0)), fctl(0)],
               after_idat=[fctl(1), png_chunk(b"fdAT", struct.pack(">I", 2) + frame2)])
    image_case("png-apng", "png", "image/png", apng, "image/gif")

    thumb = jpeg(8, 8, 1)
    jpeg_cases = [
        ("jpeg-gray", jpeg(16, 16, 1)),
        ("jpeg-color", jpeg(24, 16, 3)),
        ("jpeg-progressive", jpeg(16, 8, 1, progressive=True)),
        ("jpeg-exif-thumbnail", jpeg(32, 24, 3, app=(exif_app1(thumb),))),
        ("jpeg-comment", jpeg(8, 8, 1, extra=(jseg(0xFE, b"made by Corpus/generate.py"),))),
        ("jpeg-adobe-app14", jpeg(8, 8, 3, app=(JFIF, jseg(0xEE, b"Adobe\x00\x64\x00\x00\x00\x00\x01")))),
    ]
    for k, (name, data) in enumerate(jpeg_cases):
        note = None
        if name == "jpeg-exif-thumbnail":
            note = "an embedded thumbnail JPEG (with its own EOI) inside APP1: the real EOI is the last two bytes; not a polyglot"
        image_case(name, "jpg", "image/jpeg", data, ["image/png", "image/gif"][k % 2], note=note)

    anim_frames = b""
    for f in range(3):
        anim_frames += gif_frame(8, 8, gif_pixels(8, 8, 4, 30 + f), 2, gce(20))
    netscape = b"\x21\xff\x0bNETSCAPE2.0\x03\x01\x00\x00\x00"
    big_pal_pixels = [(x * 7 + y * 3) % 256 for y in range(20) for x in range(20)]
    gif_cases = [
        ("gif87a", simple_gif(b"87a", 8, 6, 3)),
        ("gif89a", simple_gif(b"89a", 10, 7, 4, with_gce=True)),
        ("gif89a-animated", gif(b"89a", 8, 8, anim_frames, 2, 5, extensions=netscape)),
        ("gif89a-transparent-comment", gif(b"89a", 6, 6, b"\x21\xfe\x0cgenerate.py!\x00" +
                                           gif_frame(6, 6, gif_pixels(6, 6, 4, 6), 2, gce(0, transparent=0)), 2, 6)),
        ("gif89a-256-colors", gif(b"89a", 20, 20, gif_frame(20, 20, big_pal_pixels, 8), 8, 7)),
    ]
    for k, (name, data) in enumerate(gif_cases):
        image_case(name, "gif", "image/gif", data, ["image/png", "image/jpeg"][k % 2])

    webp_cases = [
        ("webp-vp8", webp([riff_chunk(b"VP8 ", vp8_keyframe(16, 16))])),
        ("webp-vp8l", webp([riff_chunk(b"VP8L", vp8l(5, 3, (255, 200, 50, 10)))])),
        ("webp-vp8l-alpha", webp([riff_chunk(b"VP8L", vp8l(4, 4, (128, 10, 120, 240), alpha_used=True))])),
        ("webp-vp8x", webp([vp8x_chunk(7, 5), riff_chunk(b"VP8L", vp8l(7, 5, (255, 0, 128, 255)))])),
    ]
    for name, data in webp_cases:
        image_case(name, "webp", "image/webp", data, "image/png")

    bmp_cases = [
        ("bmp-24bit", bmp(5, 3, 24, 1)),
        ("bmp-8bit-palette", bmp(6, 4, 8, 2, palette_size=256)),
        ("bmp-32bit-v5", bmp(4, 4, 32, 3, header="v5")),
        ("bmp-1bit", bmp(9, 3, 1, 4)),
        ("bmp-topdown", bmp(3, 3, 24, 5, topdown=True)),
        ("bmp-os2-core", bmp(4, 2, 24, 6, header="core")),
    ]
    for name, data in bmp_cases:
        image_case(name, "bmp", "image/bmp", data, "image/png")

    tiff_cases = [
        ("tiff-ii-gray", tiff(True, 6, 4, 1)),
        ("tiff-mm-gray", tiff(False, 6, 4, 1)),
        ("tiff-ii-rgb-strips", tiff(True, 5, 6, 3, rows_per_strip=2)),
        ("tiff-mm-rgb", tiff(False, 4, 3, 3)),
    ]
    for name, data in tiff_cases:
        image_case(name, "tif", "image/tiff", data, "image/png")

    ico_cases = [
        ("ico-bmp-16", ico([(16, 16, 32, ico_dib(16, 16, 40))])),
        ("ico-png-32", ico([(32, 32, 32, png(32, 32, 6, 8, seed=41))]),
         "an ICO whose image is a PNG: one image format inside another, not a polyglot"),
        ("ico-two-sizes", ico([(16, 16, 32, ico_dib(16, 16, 42)), (24, 24, 32, ico_dib(24, 24, 43))])),
    ]
    for item in ico_cases:
        name, data = item[0], item[1]
        image_case(name, "ico", "image/vnd.microsoft.icon", data, "image/png", note=item[2] if len(item) > 2 else None)

    svg_body = ('<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64" viewBox="0 0 64 64">\n'
                '  <rect x="4" y="4" width="56" height="56" fill="#1d4ed8"/>\n'
                '  <circle cx="32" cy="32" r="16" fill="#fbbf24"/>\n</svg>\n')
    svg_cases = [
        ("svg-with-xml-declaration", '<?xml version="1.0" encoding="UTF-8"?>\n' + svg_body),
        ("svg-without-declaration", svg_body),
        ("svg-doctype", '<?xml version="1.0" standalone="no"?>\n<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
                        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n' + svg_body),
        ("svg-with-script", '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\n'
                            '  <script>alert(document.domain)</script>\n  <rect width="10" height="10"/>\n</svg>\n'),
    ]
    for name, text in svg_cases:
        decl = [None, "image/svg+xml", "image/png", "text/plain", "text/xml", "application/xml", "application/json", "application/octet-stream"]
        case("valid", "image", name, "svg", J(text), decl, ["image/svg+xml", "text/plain", "application/octet-stream"])


# ---------------------------------------------------------------------------------------------
# valid/text
# ---------------------------------------------------------------------------------------------

PROSE = ("Deeploy serves models behind a REST API.\n"
         "Every inference call carries a payload whose Content-Type must be accepted.\n")
PROSE_UTF8 = ("Ünïcödé prose: naïve café, Straße, Ærøskøbing.\n"
              "Ελληνικά, русский, 中文, 日本語, 한국어, עברית, العربية.\n"
              "Emoji 🚀 and symbols € ✓ → ∞.\n")


def gen_valid_text():
    t = []
    t.append(("ascii-prose", "txt", J(PROSE * 3), "text/plain"))
    t.append(("utf8-prose", "txt", J(PROSE_UTF8 * 2), "text/plain"))
    t.append(("utf8-bom-prose", "txt", BOM8 + J(PROSE_UTF8), "text/plain"))
    t.append(("utf16le-bom-prose", "txt", b"\xff\xfe" + (PROSE_UTF8 * 2).encode("utf-16-le"), "text/plain; charset=utf-16le"))
    t.append(("utf16be-bom-prose", "txt", b"\xfe\xff" + (PROSE_UTF8 * 2).encode("utf-16-be"), "text/plain; charset=utf-16be"))
    t.append(("crlf-lines", "txt", J(PROSE.replace("\n", "\r\n") * 2), "text/plain"))
    t.append(("ansi-escapes-formfeed", "txt", b"plain line\n\x1b[1;31mred\x1b[0m line\n\x0cnext page\n" * 3, "text/plain"))
    t.append(("csv", "csv", J("id,name,score\n1,alice,0.93\n2,bob,0.88\n3,carol,0.71\n4,dave,0.65\n"), "text/csv"))
    t.append(("csv-quoted", "csv", J('"id","comment","value"\n1,"hello, world",3.5\n2,"say ""hi""",4\n3,"multi\nline",5\n'), "text/csv"))
    t.append(("tsv", "tsv", J("id\tname\tscore\n1\talice\t0.93\n2\tbob\t0.88\n"), "text/tab-separated-values"))
    t.append(("html-doctype", "html", J("<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Corpus</title></head>\n"
                                        "<body><h1>Hello</h1><p>Deeploy corpus page.</p></body>\n</html>\n"), "text/html"))
    t.append(("html-no-doctype", "html", J("<html>\n<head><title>x</title></head>\n<body><script>alert(1)</script></body>\n</html>\n"), "text/html"))
    t.append(("xml-declaration", "xml", J('<?xml version="1.0" encoding="UTF-8"?>\n<payload>\n  <item id="1">one</item>\n  <item id="2">two</item>\n</payload>\n'), "text/xml"))
    t.append(("xml-rss", "xml", J('<?xml version="1.0"?>\n<rss version="2.0"><channel><title>Corpus</title><item><title>a</title></item></channel></rss>\n'), "application/rss+xml"))
    t.append(("markdown", "md", J("# Corpus\n\nThis is *markdown* with `code` and a [link](https://example.com).\n\n- one\n- two\n\n```\nblock\n```\n"), "text/markdown"))
    t.append(("latin1", "txt", "Café crème, naïve façade, Ærøskøbing, £10, ½ off.\n".encode("latin-1") * 2, "text/plain; charset=iso-8859-1"))
    t.append(("windows-1252", "txt", "\u201cSmart quotes\u201d \u2014 and \u20ac5 \u2026 r\u00e9sum\u00e9\n".encode("cp1252") * 2, "text/plain; charset=windows-1252"))
    t.append(("shell-script", "sh", J("#!/bin/sh\nset -eu\necho \"hello from the corpus\"\n"), "text/x-shellscript"))
    for name, ext, data, own in t:
        decl = TEXT_DECL + [own]
        strict = []
        if name.startswith("html") or name.startswith("xml"):
            strict = [own, "text/plain", "application/octet-stream"]
        if name.startswith("utf16"):
            decl = decl + ["text/plain; charset=utf-16"]
        if name in ("latin1", "windows-1252"):
            decl = decl + ["text/plain; charset=latin1"]
        case("valid", "text", name, ext, data, decl, strict)


# ---------------------------------------------------------------------------------------------
# valid/binary
# ---------------------------------------------------------------------------------------------

def gen_valid_binary():
    rng = random.Random(20240601)
    b = []
    b.append(("random-64", "bin", bytes([0x00, 0x01]) + rng.randbytes(62)))
    b.append(("random-256", "bin", rng.randbytes(256)))
    b.append(("random-4k", "bin", rng.randbytes(4096)))
    b.append(("zeros-512", "bin", bytes(512)))
    b.append(("gzip-json", "gz", gzip_bytes(J(json.dumps({"instances": list(range(50))})))))
    b.append(("zip-stored", "zip", zip_archive([(b"a.txt", b"hello\n"), (b"b.json", b'{"x":1}')])))
    b.append(("zip-deflated", "zip", zip_archive([(b"data.csv", J("a,b\n" * 200))], deflate=True)))
    b.append(("elf64-executable", "elf", elf(64, 2)))
    b.append(("elf32-shared", "so", elf(32, 3)))
    b.append(("tar", "tar", tar_bytes([("hello.txt", b"hello\n"), ("model/config.json", b'{"layers": 3}\n')])))
    b.append(("bzip2", "bz2", bz2.compress(J(PROSE * 20), 9)))
    b.append(("xz", "xz", lzma.compress(J(PROSE * 20), preset=6)))
    own = {"gz": "application/gzip", "zip": "application/zip", "elf": "application/x-executable", "tar": "application/x-tar"}
    for name, ext, data in b:
        decl = BIN_DECL + ([own[ext]] if ext in own else [])
        case("valid", "binary", name, ext, data, decl)


# ---------------------------------------------------------------------------------------------
# mislabeled: dedicated entries (every valid file also carries wrong declared types)
# ---------------------------------------------------------------------------------------------

def gen_mislabeled():
    m = [
        ("png-declared-jpeg", "png", png(6, 6, 2, 8, seed=60), ["image/jpeg", "image/jpg", "image/gif", "application/pdf", "application/json", "text/plain"], ["image/jpeg", "image/png"]),
        ("jpeg-declared-png", "jpg", jpeg(8, 8, 3), ["image/png", "image/webp", "application/json", "text/csv"], ["image/png"]),
        ("gif-declared-webp", "gif", simple_gif(b"89a", 5, 5, 61), ["image/webp", "image/bmp", "text/html"], ["image/webp"]),
        ("pdf-declared-image", "pdf", pdf(b"1.7", pdf_basic_objects(b"Mislabeled")), ["image/png", "image/*", "application/json", "text/plain", "text/html"], ["image/png", "application/pdf"]),
        ("json-declared-png", "json", J('{"instances": [[1, 2], [3, 4]]}'), ["image/png", "application/pdf", "text/csv", "text/html", "application/x-ndjson"], ["text/html"]),
        ("json-declared-pdf", "json", J('{"predictions": [0.5]}'), ["application/pdf", "image/jpeg"], []),
        ("html-declared-json", "html", J("<!DOCTYPE html>\n<html><body><p>not json</p></body></html>\n"), ["application/json", "image/svg+xml", "text/plain", "application/octet-stream"], ["text/plain"]),
        ("text-declared-image", "txt", J(PROSE), ["image/png", "image/svg+xml", "application/pdf", "application/json"], []),
        ("csv-declared-json", "csv", J("a,b\n1,2\n"), ["application/json", "text/csv", "text/plain; charset=us-ascii"], []),
        ("zip-declared-json", "zip", zip_archive([(b"x.txt", b"x")]), ["application/json", "text/plain", "image/png", "application/zip", "application/octet-stream"], []),
        ("webp-declared-png", "webp", webp([riff_chunk(b"VP8L", vp8l(3, 3, (255, 1, 2, 3)))]), ["image/png", "image/webp"], ["image/png"]),
        ("svg-declared-png", "svg", J('<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4"><rect width="4" height="4"/></svg>\n'), ["image/png", "image/svg+xml"], ["image/png"]),
        ("latin1-declared-utf8", "txt", "Gr\u00fc\u00dfe aus K\u00f6ln\n".encode("latin-1"), ["text/plain; charset=utf-8", "text/plain; charset=iso-8859-1", "text/plain; charset=us-ascii", "application/json"], []),
        ("utf16le-declared-utf8", "txt", b"\xff\xfe" + "plain words\n".encode("utf-16-le"), ["text/plain", "text/plain; charset=utf-8", "text/plain; charset=utf-16le", "text/plain; charset=utf-16"], []),
    ]
    for name, ext, data, decl, strict in m:
        case("mislabeled", None, name, ext, data, [None] + decl, strict)


# ---------------------------------------------------------------------------------------------
# malformed/image, malformed/pdf, malformed/json
# ---------------------------------------------------------------------------------------------

def gen_malformed_images():
    good_png = png(16, 16, 2, 8, seed=70)
    iend_at = good_png.rfind(b"IEND") - 4
    idat_at = good_png.find(b"IDAT") - 4
    bad_crc = bytearray(good_png)
    bad_crc[idat_at + 8 + 3] ^= 0xFF  # flip a data byte: CRC no longer matches
    ihdr_bad_len = bytearray(good_png)
    ihdr_bad_len[8:12] = struct.pack(">I", 14)
    good_jpeg = jpeg(32, 32, 3)
    sos_at = good_jpeg.find(b"\xff\xda")
    bad_seglen = bytearray(good_jpeg)
    bad_seglen[4:6] = b"\xff\xf0"  # APP0 length runs far past the end
    good_gif = simple_gif(b"89a", 12, 12, 71)
    good_webp = webp([riff_chunk(b"VP8L", vp8l(6, 6, (255, 9, 9, 9)))])
    bad_riff = bytearray(good_webp)
    bad_riff[4:8] = le32(0x7FFFFFF0)
    good_bmp = bmp(8, 8, 24, 72)
    bad_bmp_off = bytearray(good_bmp)
    bad_bmp_off[10:14] = le32(0xFFFF)
    good_tiff = tiff(True, 4, 4, 1)
    bad_ifd = bytearray(good_tiff)
    bad_ifd[4:8] = le32(0x10000)
    good_ico = ico([(16, 16, 32, ico_dib(16, 16, 73))])
    m = [
        ("png-truncated-in-idat", "png", good_png[: idat_at + 20], "image/png"),
        ("png-signature-only", "png", PNG_SIG, "image/png"),
        ("png-ihdr-only", "png", good_png[:33], "image/png"),
        ("png-bad-crc", "png", bytes(bad_crc), "image/png"),
        ("png-no-iend", "png", good_png[:iend_at], "image/png"),
        ("png-bad-ihdr-length", "png", bytes(ihdr_bad_len), "image/png"),
        ("png-zero-dimensions", "png", PNG_SIG + png_chunk(b"IHDR", struct.pack(">IIBBBBB", 0, 0, 8, 2, 0, 0, 0)) + png_chunk(b"IEND", b""), "image/png"),
        ("jpeg-soi-only", "jpg", b"\xff\xd8\xff", "image/jpeg"),
        ("jpeg-truncated-header", "jpg", good_jpeg[:40], "image/jpeg"),
        ("jpeg-truncated-scan", "jpg", good_jpeg[: sos_at + 16], "image/jpeg"),
        ("jpeg-bad-segment-length", "jpg", bytes(bad_seglen), "image/jpeg"),
        ("gif-header-only", "gif", b"GIF89a", "image/gif"),
        ("gif-truncated", "gif", good_gif[: len(good_gif) // 2], "image/gif"),
        ("gif-no-trailer", "gif", good_gif[:-1], "image/gif"),
        ("webp-bad-riff-size", "webp", bytes(bad_riff), "image/webp"),
        ("webp-truncated", "webp", good_webp[:20], "image/webp"),
        ("webp-riff-header-only", "webp", b"RIFF" + le32(4) + b"WEBP", "image/webp"),
        ("bmp-truncated", "bmp", good_bmp[:40], "image/bmp"),
        ("bmp-bad-pixel-offset", "bmp", bytes(bad_bmp_off), "image/bmp"),
        ("tiff-ifd-past-end", "tif", bytes(bad_ifd), "image/tiff"),
        ("tiff-header-only", "tif", b"MM\x00\x2a\x00\x00\x00\x08", "image/tiff"),
        ("ico-truncated", "ico", good_ico[:30], "image/vnd.microsoft.icon"),
        ("svg-unclosed", "svg", J('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="4" height="4">\n<rect width="4"\n'), "image/svg+xml"),
    ]
    for name, ext, data, mime in m:
        decl = [None, mime, "image/png" if mime != "image/png" else "image/jpeg", "application/octet-stream", "text/plain", "application/json"]
        case("malformed", "image", name, ext, data, decl)


def gen_malformed_pdf():
    good = pdf(b"1.7", pdf_basic_objects(b"Malformed base"))
    xref_at = good.find(b"xref")
    bad_startxref = good.replace(b"startxref\n%d" % xref_at, b"startxref\n%d" % (xref_at + 7777))
    m = [
        ("header-only", b"%PDF-1.7\n"),
        ("marker-only", b"%PDF-"),
        ("truncated-mid-object", good[: len(good) // 3]),
        ("no-eof-marker", good[: good.rfind(b"%%EOF")]),
        ("bad-startxref-offset", bad_startxref),
        ("missing-trailer", good[:xref_at] + b"startxref\n0\n%%EOF\n"),
        ("unknown-version", b"%PDF-9.9\n" + good[good.find(b"\n") + 1 :]),
        ("header-after-junk", b"JUNKJUNK" * 8 + b"\n" + good),
        ("empty-body", b"%PDF-1.4\n%%EOF\n"),
    ]
    for name, data in m:
        case("malformed", "pdf", name, "pdf", data, PDF_DECL)


def gen_malformed_json():
    m = [
        ("trailing-comma-array", b"[1, 2, 3,]"),
        ("trailing-comma-object", b'{"a": 1, "b": 2,}'),
        ("nan", b'{"value": NaN}'),
        ("infinity", b'{"value": Infinity}'),
        ("negative-infinity", b"[-Infinity]"),
        ("comment-line", b'{\n  // a comment\n  "a": 1\n}'),
        ("comment-block", b'{"a": /* inline */ 1}'),
        ("single-quotes", b"{'a': 'b'}"),
        ("unquoted-keys", b"{a: 1}"),
        ("lone-surrogate-high", b'"\\ud800"'),
        ("lone-surrogate-low", b'["\\udc00"]'),
        ("surrogates-reversed", b'"\\ude00\\ud83d"'),
        ("high-surrogate-then-char", b'"\\ud83dx"'),
        ("overlong-c0-af", b'["\xc0\xaf"]'),
        ("overlong-3-byte", b'"\xe0\x80\xaf"'),
        ("invalid-utf8-continuation", b'{"a": "\x80abc"}'),
        ("invalid-utf8-ff", b'"\xff"'),
        ("utf8-encoded-surrogate", b'"\xed\xa0\x80"'),
        ("utf8-truncated-sequence", b'"caf\xc3"'),
        ("leading-zero", b"[01]"),
        ("leading-zero-negative", b"-012"),
        ("plus-sign", b"+1"),
        ("leading-dot", b".5"),
        ("trailing-dot", b"[1.]"),
        ("empty-exponent", b"1e"),
        ("hex-number", b"0x1F"),
        ("control-tab-in-string", b'{"a": "tab\there"}'),
        ("control-newline-in-string", b'["line\nbreak"]'),
        ("control-nul-in-string", b'["nul\x00here"]'),
        ("invalid-escape", b'"\\x41"'),
        ("short-unicode-escape", b'"\\u12"'),
        ("trailing-garbage", b'{"a": 1} xyz'),
        ("two-documents", b"{} {}"),
        ("truncated-object", b'{"instances": [[1, 2], [3'),
        ("truncated-string", b'{"a": "unterminated'),
        ("missing-colon", b'{"a" 1}'),
        ("missing-comma", b"[1 2]"),
        ("extra-close", b"[1]]"),
        ("capitalised-true", b"True"),
        ("undefined", b"[undefined]"),
        ("utf16le-bom-json", b"\xff\xfe" + '{"a": 1}'.encode("utf-16-le")),
        ("nesting-bomb-open-100k", b"[" * 100000),
        ("nesting-bomb-balanced-100k", b"[" * 100000 + b"]" * 100000),
        ("deep-600-over-limit", b"[" * 600 + b"]" * 600),
        ("bom-then-object-missing-brace", BOM8 + b'{"a": 1'),
    ]
    notes = {
        "nesting-bomb-balanced-100k": "grammatically well formed, but 100,000 levels exceed the default depth limit (512)",
        "deep-600-over-limit": "grammatically well formed, but 600 levels exceed the default depth limit (512)",
        "lone-surrogate-high": "RFC 8259's grammar admits it, the package's parser rejects unpaired surrogates by default",
    }
    for name, data in m:
        case("malformed", "json", name, "json", data, MALJSON_DECL, note=notes.get(name))


# ---------------------------------------------------------------------------------------------
# polyglot
# ---------------------------------------------------------------------------------------------

POLY_NOTES = {
    "bmp-zip-appended": "libmagic 5.44 answers application/zip here (ZIP wins over BMP); the sniffer answers the first format",
    "webp-zip-appended": "libmagic 5.44 answers application/zip here (ZIP wins over RIFF/WebP); the sniffer answers the first format",
    "png-zip-in-ancillary-chunk": "ZIP local header, central directory and end record inside a private ancillary chunk before IEND",
    "pdf-zip-in-stream": "a whole ZIP (offsets fixed up) inside a PDF stream object",
    "jpeg-zip-in-comment": "a whole ZIP inside a JPEG COM segment",
}


def gen_polyglots():
    zip_payload = [(b"evil.txt", b"second format\n"), (b"run.js", b"alert(1)\n")]
    g = simple_gif(b"89a", 8, 8, 80)
    p = pdf(b"1.7", pdf_basic_objects(b"Polyglot"))
    pn = png(8, 8, 2, 8, seed=81)
    jp = jpeg(16, 16, 3)
    bm = bmp(4, 4, 24, 82)
    wp = webp([riff_chunk(b"VP8L", vp8l(4, 4, (255, 5, 6, 7)))])
    html = b"<html><body><script>alert(document.cookie)</script></body></html>\n"
    # A ZIP kept inside a private ancillary PNG chunk, before IEND.
    pre = png(8, 8, 2, 8, seed=83)
    head = pre[: pre.rfind(b"IEND") - 4]
    chunk_data_at = len(head) + 8
    inner_zip = zip_archive(zip_payload, base=chunk_data_at)
    png_zip_chunk = head + png_chunk(b"zipD", inner_zip) + png_chunk(b"IEND", b"")
    # A ZIP inside a JPEG COM segment.
    com_at = 2 + len(JFIF) + 4
    jpeg_zip_com = jpeg(8, 8, 1, extra=(jseg(0xFE, zip_archive(zip_payload, base=com_at)),))
    # A ZIP inside a PDF stream object.
    p_objs = pdf_basic_objects(b"Stream polyglot")
    probe = pdf(b"1.7", p_objs + [pdf_stream(b"X" * 10)])
    zip_at = probe.find(b"stream\nXXXXXXXXXX") + len(b"stream\n")
    zlen = len(zip_archive(zip_payload))
    probe = pdf(b"1.7", p_objs + [pdf_stream(b"X" * zlen)])
    zip_at = probe.find(b"stream\n" + b"X" * zlen) + len(b"stream\n")
    pdf_zip_stream = pdf(b"1.7", p_objs + [pdf_stream(zip_archive(zip_payload, base=zip_at))])
    assert len(pdf_zip_stream) == len(probe)
    polys = [
        ("gif-zip-appended", "gif", g + zip_archive(zip_payload, base=len(g)), "image/gif", "image/png"),
        ("pdf-zip-appended", "pdf", p + zip_archive(zip_payload, base=len(p)), "application/pdf", "image/png"),
        ("png-script-after-iend", "png", pn + b"<script>alert(1)</script>", "image/png", "image/jpeg"),
        ("jpeg-html-after-eoi", "jpg", jp + html, "image/jpeg", "image/png"),
        ("png-zip-in-ancillary-chunk", "png", png_zip_chunk, "image/png", "image/gif"),
        ("png-zip-appended", "png", pn + zip_archive(zip_payload, base=len(pn)), "image/png", "image/jpeg"),
        ("jpeg-zip-appended", "jpg", jp + zip_archive(zip_payload, base=len(jp)), "image/jpeg", "image/gif"),
        ("jpeg-zip-in-comment", "jpg", jpeg_zip_com, "image/jpeg", "image/png"),
        ("pdf-html-after-eof", "pdf", p + html, "application/pdf", "image/png"),
        ("pdf-zip-in-stream", "pdf", pdf_zip_stream, "application/pdf", "image/png"),
        ("bmp-zip-appended", "bmp", bm + zip_archive(zip_payload, base=len(bm)), "image/bmp", "image/png"),
        ("webp-zip-appended", "webp", wp + zip_archive(zip_payload, base=len(wp)), "image/webp", "image/png"),
        ("gif-html-in-comment-zip-appended", "gif",
         gif(b"89a", 4, 4, b"\x21\xfe" + bytes([len(html[:200])]) + html[:200] + b"\x00" + gif_frame(4, 4, gif_pixels(4, 4, 4, 84), 2), 2, 84), "image/gif", "image/png"),
    ]
    # the last one is finished below: its ZIP is appended after the GIF trailer
    name, ext, data, mime, wrong = polys[-1]
    polys[-1] = (name, ext, data + zip_archive(zip_payload, base=len(data)), mime, wrong)
    for name, ext, data, mime, wrong in polys:
        decl = [None, mime, wrong, "application/pdf", "application/json", "text/plain", "application/octet-stream", "application/zip", "garbage"]
        strict = [mime, "application/octet-stream", wrong]
        case("polyglot", None, name, ext, data, decl, strict, polyglot=True, first_format=mime,
             note=POLY_NOTES.get(name))


# ---------------------------------------------------------------------------------------------
# edge
# ---------------------------------------------------------------------------------------------

def gen_edge():
    E = [
        ("empty", "bin", b"", [None, "application/json", "text/plain", "image/png", "application/octet-stream", "binary/octet-stream"]),
        ("one-byte-a", "txt", b"a", None),
        ("one-byte-brace", "txt", b"{", None),
        ("one-byte-digit", "json", b"0", None),
        ("one-byte-nul", "bin", b"\x00", None),
        ("one-byte-newline", "txt", b"\n", None),
        ("one-byte-high", "bin", b"\xe9", [None, "text/plain", "text/plain; charset=iso-8859-1", "application/octet-stream"]),
        ("two-bytes-object", "json", b"{}", None),
        ("utf8-bom-json", "json", BOM8 + b'{"instances": [[1, 2]]}', None),
        ("utf8-bom-only", "txt", BOM8, None),
        ("utf8-bom-scalar", "json", BOM8 + b"42", None),
        ("utf16le-bom-text", "txt", b"\xff\xfe" + "Hello, UTF-16LE!\n".encode("utf-16-le"), [None, "text/plain", "text/plain; charset=utf-16le", "text/plain; charset=utf-16", "application/json", "application/octet-stream"]),
        ("utf16be-bom-text", "txt", b"\xfe\xff" + "Hello, UTF-16BE!\n".encode("utf-16-be"), [None, "text/plain", "text/plain; charset=utf-16be", "text/plain; charset=utf-16", "application/json", "application/octet-stream"]),
        ("ndjson-objects", "ndjson", b'{"id": 1, "x": [1, 2]}\n{"id": 2, "x": [3, 4]}\n{"id": 3, "x": [5, 6]}\n', "ndjson"),
        ("ndjson-arrays-crlf", "ndjson", b"[1, 2]\r\n[3, 4]\r\n", "ndjson"),
        ("ndjson-blank-lines", "ndjson", b'{"a": 1}\n\n{"b": 2}\n\n', "ndjson"),
        ("ndjson-scalars", "ndjson", b'1\n"two"\nnull\n', "ndjson"),
        ("ndjson-one-bad-line", "ndjson", b'{"a": 1}\n{"b": 2,}\n', "ndjson"),
        ("scalar-42", "json", b"42", None),
        ("scalar-string-x", "json", b'"x"', None),
        ("scalar-null", "json", b"null", None),
        ("scalar-true", "json", b"true", None),
        ("whitespace-only", "txt", b"  \n\t \r\n", None),
        ("json-padded-whitespace", "json", b"\n\n   {\"a\": 1}   \n\n", None),
        ("text-with-nul-at-end", "txt", J(PROSE) + b"\x00", None),
    ]
    for name, ext, data, decl in E:
        if decl is None:
            decl = [None, "application/json", "text/plain", "application/octet-stream", "image/png"]
        elif decl == "ndjson":
            decl = [None, "application/json", "application/x-ndjson", "text/plain", "application/octet-stream"]
        case("edge", None, name, ext, data, decl)


# ---------------------------------------------------------------------------------------------
# tensors (Open Inference Protocol binary data extension)
# ---------------------------------------------------------------------------------------------

DT = {
    "BOOL": "?", "UINT8": "B", "UINT16": "H", "UINT32": "I", "UINT64": "Q",
    "INT8": "b", "INT16": "h", "INT32": "i", "INT64": "q", "FP16": "e", "FP32": "f", "FP64": "d",
}


def tensor_bytes(datatype, values):
    if datatype == "BYTES":
        return b"".join(le32(len(v)) + v for v in values)
    return struct.pack("<%d%s" % (len(values), DT[datatype]), *values)


def tensor_case(name, tensors, valid=True, kind="inputs", header_override=None, header_length=None,
                tail=b"", extra_top=None, note=None, folder="tensor"):
    """tensors: list of dicts with name, shape, datatype, values (binary) or data (inline JSON),
    and optionally size (binary_data_size override) or raw (binary bytes override)."""
    entries = []
    blobs = b""
    for t in tensors:
        e = {"name": t["name"], "shape": t["shape"], "datatype": t["datatype"]}
        if "data" in t:
            e["data"] = t["data"]
        else:
            raw = t["raw"] if "raw" in t else tensor_bytes(t["datatype"], t["values"])
            e["parameters"] = {"binary_data_size": t.get("size", len(raw))}
            blobs += raw
        entries.append(e)
    header = {}
    if kind == "outputs":
        header["model_name"] = "corpus"
        header["id"] = "1"
    header[kind] = entries
    if extra_top:
        header.update(extra_top)
    hb = header_override if header_override is not None else json.dumps(header, separators=(",", ":")).encode()
    body = hb + blobs + tail
    path = "cases/%s/%s.bin" % (folder, name)
    put(path, body)
    entry = {"id": "%s/%s" % (folder, name), "path": path,
             "headerLength": header_length if header_length is not None else len(hb), "valid": valid}
    if valid:
        entry["tensorCount"] = len(tensors)
    if note:
        entry["note"] = note
    TENSORS.append(entry)


def gen_tensors():
    tensor_case("bool-4", [{"name": "mask", "shape": [4], "datatype": "BOOL", "values": [True, False, True, True]}])
    tensor_case("uint8-2x3", [{"name": "pixels", "shape": [2, 3], "datatype": "UINT8", "values": [0, 1, 127, 128, 254, 255]}])
    tensor_case("uint16-3", [{"name": "u16", "shape": [3], "datatype": "UINT16", "values": [0, 513, 65535]}])
    tensor_case("uint32-2", [{"name": "u32", "shape": [2], "datatype": "UINT32", "values": [1, 4294967295]}])
    tensor_case("uint64-2", [{"name": "u64", "shape": [2], "datatype": "UINT64", "values": [0, 18446744073709551615]}])
    tensor_case("int8-4", [{"name": "i8", "shape": [4], "datatype": "INT8", "values": [-128, -1, 0, 127]}])
    tensor_case("int16-2x2", [{"name": "i16", "shape": [2, 2], "datatype": "INT16", "values": [-32768, -2, 2, 32767]}])
    tensor_case("int32-3", [{"name": "i32", "shape": [3], "datatype": "INT32", "values": [-2147483648, 0, 2147483647]}])
    tensor_case("int64-2", [{"name": "i64", "shape": [2], "datatype": "INT64", "values": [-9223372036854775808, 9223372036854775807]}])
    tensor_case("fp16-4", [{"name": "half", "shape": [4], "datatype": "FP16", "values": [0.0, 1.0, -2.5, 65504.0]}])
    tensor_case("fp32-2x2", [{"name": "input-0", "shape": [2, 2], "datatype": "FP32", "values": [1.0, 2.5, -3.25, 4.0]}])
    tensor_case("fp64-3", [{"name": "dbl", "shape": [3], "datatype": "FP64", "values": [3.141592653589793, -0.0, 1e300]}])
    tensor_case("bytes-3", [{"name": "text", "shape": [3], "datatype": "BYTES", "values": [b"hello", b"", "w\u00f6rld".encode()]}])
    tensor_case("multi-tensor", [
        {"name": "a", "shape": [2], "datatype": "FP32", "values": [0.5, 1.5]},
        {"name": "b", "shape": [1, 3], "datatype": "INT64", "values": [1, 2, 3]},
        {"name": "c", "shape": [2], "datatype": "BYTES", "values": [b"x", b"yz"]},
    ])
    tensor_case("response-outputs", [{"name": "predict", "shape": [3], "datatype": "INT32", "values": [0, 1, 2]}], kind="outputs",
                note="a response body: model_name, id and outputs")
    tensor_case("zero-elements", [{"name": "empty", "shape": [0, 4], "datatype": "FP32", "values": []}])
    tensor_case("scalar-shape", [{"name": "s", "shape": [], "datatype": "INT32", "values": [7]}],
                note="shape [] is a scalar: one element")
    tensor_case("mixed-inline-and-binary", [
        {"name": "inline", "shape": [2], "datatype": "INT32", "data": [1, 2]},
        {"name": "bin", "shape": [2], "datatype": "FP64", "values": [1.0, 2.0]},
    ], note="one tensor with inline JSON data and no binary part, one binary tensor")
    tensor_case("request-binary-outputs", [{"name": "x", "shape": [1], "datatype": "FP32", "values": [1.0]}],
                extra_top={"parameters": {"binary_data_output": True}, "outputs": [{"name": "y", "parameters": {"binary_data": True}}]})
    # Broken bodies
    mf = "malformed/tensor"
    fp = [{"name": "x", "shape": [2, 2], "datatype": "FP32", "values": [1.0, 2.0, 3.0, 4.0]}]
    tensor_case("header-past-end", fp, valid=False, header_length=9999, folder=mf)
    tensor_case("header-length-zero", fp, valid=False, header_length=0, folder=mf)
    tensor_case("header-length-cuts-json", fp, valid=False, header_length=20, folder=mf)
    tensor_case("header-not-json", fp, valid=False, header_override=b"not json at all!", folder=mf)
    tensor_case("header-not-object", fp, valid=False, header_override=b"[1, 2, 3]", folder=mf)
    tensor_case("sizes-exceed-body", [{"name": "x", "shape": [2, 2], "datatype": "FP32", "values": [1.0, 2.0, 3.0], "size": 16}],
                valid=False, folder=mf, note="binary_data_size 16 but only 12 bytes follow the header")
    tensor_case("sizes-leave-trailing-bytes", fp, valid=False, tail=b"\x00\x00\x00\x00", folder=mf,
                note="4 bytes after the last tensor")
    tensor_case("shape-times-size-mismatch", [{"name": "x", "shape": [2, 2], "datatype": "FP32", "values": [1.0, 2.0, 3.0]}],
                valid=False, folder=mf, note="shape [2,2] FP32 is 16 bytes, binary_data_size says 12")
    tensor_case("bytes-length-past-end", [{"name": "s", "shape": [2], "datatype": "BYTES", "raw": le32(3) + b"abc" + le32(1000) + b"xy"}],
                valid=False, folder=mf)
    tensor_case("bytes-count-mismatch", [{"name": "s", "shape": [3], "datatype": "BYTES", "values": [b"a", b"b"]}],
                valid=False, folder=mf, note="shape [3] but two BYTES elements")
    tensor_case("negative-shape", [{"name": "x", "shape": [-1, 4], "datatype": "FP32", "values": [1.0, 2.0, 3.0, 4.0]}],
                valid=False, folder=mf)
    tensor_case("huge-shape-overflow", [{"name": "x", "shape": [4611686018427387904, 4], "datatype": "FP32", "values": [1.0]}],
                valid=False, folder=mf, note="element count times element size overflows 64 bits")
    tensor_case("unknown-datatype", [{"name": "x", "shape": [2], "datatype": "FP8", "raw": b"\x01\x02"}], valid=False, folder=mf)
    tensor_case("negative-binary-size", [{"name": "x", "shape": [1], "datatype": "UINT8", "values": [1], "size": -1}],
                valid=False, folder=mf)
    tensor_case("missing-data-and-size", [], valid=False, folder=mf,
                header_override=b'{"inputs":[{"name":"x","shape":[2],"datatype":"INT32"}]}')
    tensor_case("fp16-odd-byte-count", [{"name": "h", "shape": [2], "datatype": "FP16", "raw": b"\x00\x3c\x00"}],
                valid=False, folder=mf, note="shape [2] FP16 is 4 bytes, 3 given")


# ---------------------------------------------------------------------------------------------
# pairs (request/response for log splitting)
# ---------------------------------------------------------------------------------------------

def pair(name, endpoint, request, request_type, response, response_type, status, logs, split, note=None):
    def ext(t):
        return "json" if t == "application/json" else {"image/png": "png", "text/plain": "txt"}.get(t, "bin")
    rq = "cases/pairs/%s.request.%s" % (name, ext(request_type))
    rs = "cases/pairs/%s.response.%s" % (name, ext(response_type))
    put(rq, request)
    put(rs, response)
    e = {"id": "pairs/" + name, "endpoint": endpoint, "request": rq, "requestType": request_type,
         "response": rs, "responseType": response_type, "status": status, "predictionLogs": logs, "split": split}
    if note:
        e["note"] = note
    PAIRS.append(e)


def pretty(obj):
    return J(json.dumps(obj, indent=2, ensure_ascii=False) + "\n")


def gen_pairs():
    A = "application/json"
    pair("v1-predict-3", "predict", pretty({"instances": [[6.8, 2.8, 4.8, 1.4], [6.0, 3.4, 4.5, 1.6], [5.1, 3.5, 1.4, 0.2]]}), A,
         pretty({"predictions": [1, 1, 0]}), A, 200, 3, True)
    pair("v1-inputs-2", "predict", J('{"inputs":[{"a":1,"b":"x"},{"a":2,"b":"y"}]}'), A, J('{"predictions":[0.25,0.75]}'), A, 200, 2, True)
    pair("v1-explain-2", "explain", pretty({"instances": [[39, 7, 13], [50, 6, 9]]}), A,
         pretty({"predictions": [0, 1], "explanations": [{"anchor": ["age > 37"]}, {"anchor": ["hours <= 40"]}]}), A, 200, 2, True)
    pair("v1-explain-lengths-differ", "explain", pretty({"instances": [[1], [2]]}), A,
         pretty({"predictions": [0, 1], "explanations": [{"anchor": []}]}), A, 200, 1, False,
         note="explanations present with 1 entry, predictions 2: no split")
    pair("v1-mismatched-lengths", "predict", J('{"instances": [[1], [2], [3]]}'), A, J('{"predictions": [1, 0]}'), A, 200, 1, False)
    pair("v1-single-instance", "predict", J('{"instances": [[5.1, 3.5, 1.4, 0.2]]}'), A, J('{"predictions": [0]}'), A, 200, 1, False)
    pair("v1-empty-instances", "predict", J('{"instances": []}'), A, J('{"predictions": []}'), A, 200, 1, False)
    pair("v1-non-array-instances", "predict", J('{"instances": {"a": [1, 2, 3]}}'), A, J('{"predictions": [1, 2, 3]}'), A, 200, 1, False)
    pair("v1-other-members-kept", "predict",
         J('{"signature_name": "serving_default", "instances": [{"x": 1}, {"x": 2}], "parameters": {"threshold": 0.5}}'), A,
         J('{"model": "m", "predictions": [{"y": 0}, {"y": 1}]}'), A, 200, 2, True)
    pair("v1-exact-numbers", "predict", J('{"instances": [1E400, -0, 123456789012345678901234567890, 1.0e-400]}'), A,
         J('{"predictions": [1.10, -0.0, 1e2, 0.1000000000000000055511151231257827]}'), A, 200, 4, True,
         note="numbers must come out byte-for-byte")
    pair("v1-unicode", "predict", J('{"instances": ["h\u00e9llo", "\\ud83d\\ude00", "\u4e2d\u6587"]}'), A,
         J('{"predictions": ["fr", "emoji", "zh"]}'), A, 200, 3, True)
    pair("v2-oip", "predict", pretty({"inputs": [
        {"name": "a", "shape": [1, 2], "datatype": "FP32", "data": [1.0, 2.0]},
        {"name": "b", "shape": [1], "datatype": "INT64", "data": [3]}]}), A,
         pretty({"model_name": "m", "id": "1", "outputs": [{"name": "y", "shape": [1], "datatype": "FP32", "data": [0.5]}]}), A, 200, 1, False,
         note="V2 inputs has 2 tensors but the response has outputs, not predictions: no split")
    pair("v2-oip-outputs-same-count", "predict", pretty({"inputs": [
        {"name": "a", "shape": [1], "datatype": "FP32", "data": [1.0]},
        {"name": "b", "shape": [1], "datatype": "FP32", "data": [2.0]}]}), A,
         pretty({"model_name": "m", "outputs": [{"name": "y1", "shape": [1], "datatype": "FP32", "data": [0.1]},
                                                {"name": "y2", "shape": [1], "datatype": "FP32", "data": [0.2]}]}), A, 200, 1, False,
         note="outputs is not predictions/choices, even with the same count")
    pair("completions-2", "completions", pretty({"prompt": ["Say hi", "Say bye"], "max_tokens": 5}), A,
         pretty({"id": "c1", "choices": [{"index": 0, "text": "hi"}, {"index": 1, "text": "bye"}]}), A, 200, 2, True)
    pair("completions-string-prompt", "completions", J('{"prompt": "Say hi", "n": 2}'), A,
         J('{"choices": [{"text": "hi"}, {"text": "hello"}]}'), A, 200, 1, False)
    pair("completions-lengths-differ", "completions", J('{"prompt": ["a", "b", "c"]}'), A, J('{"choices": [{"text": "x"}]}'), A, 200, 1, False)
    pair("image-request-json-response", "predict", png(8, 8, 2, 8, seed=90), "image/png", J('{"predictions": [{"label": "cat"}]}'), A, 200, 1, False)
    pair("json-request-binary-response", "predict", J('{"instances": [[1, 2], [3, 4]]}'), A,
         b"\x00\x01\x02\x03binary-model-output\xff\xfe", "application/octet-stream", 200, 1, False)
    pair("error-500", "predict", J('{"instances": [[1], [2], [3]]}'), A, J('{"error": "model crashed: CUDA out of memory"}'), A, 500, 1, False)
    pair("error-404-text", "predict", J('{"instances": [[1], [2]]}'), A, J("deployment not found\n"), "text/plain", 404, 1, False)
    pair("request-not-json", "predict", J('{"instances": [[1], [2],'), A, J('{"predictions": [1, 2]}'), A, 200, 1, False,
         note="the request claims JSON but is truncated: one log, nothing lost")


# ---------------------------------------------------------------------------------------------
# headers: Content-Type and Authorization values
# ---------------------------------------------------------------------------------------------

CONTENT_TYPES = [
    "application/json",
    'Application/JSON; Charset="UTF-8"',
    "text/plain;charset=utf-8;charset=latin1",
    "image/*",
    "*/*",
    "garbage",
    "text/",
    "/json",
    "",
    "   ",
    " \ttext/html \t",
    "text/html;",
    "text/html;;;",
    "text/html; charset",
    "text/html; charset=",
    'text/html; charset=""',
    'text/plain; charset="a\\"b"',
    'text/plain; x="abc\\',
    'text/plain; x="\\\\"',
    'text/plain; x="unterminated',
    'text/plain; x="a b"',
    'text/plain; x="quoted"junk; y=2',
    "text/plain; X=1; x=2",
    "text/plain; x=1 ; y=2",
    "text/plain; x =1",
    "text/plain; x= 1",
    'text/plain; x=a"b',
    "text/plain;=b",
    "text/plain;a=b;c",
    "text/plain ;x=1",
    "text /plain",
    "text/plain/html",
    "text/plain;\tcharset=utf-8",
    "TEXT/HTML;CHARSET=UTF-8",
    "application/json; charset=UTF-8 ",
    "application/json;charset=utf-8;",
    "application/vnd.api+json",
    "image/svg+xml",
    "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
    "text/plain;charset=\u00fc",
    "t\u00ebxt/plain",
    "text/plain; x=\u2603",
    "text/plain\u0000",
    "text/plain\r\n",
    "text/pla\nin",
    "application/json; charset=utf-8\r\nX-Injected: 1",
]


def b64(s):
    return base64.b64encode(s).decode()


AUTHORIZATIONS = [
    ("Basic " + b64(b"AK:SK"), "basic", None, "AK"),
    ("Basic " + b64(b"access_key_123:secret/+key=="), "basic", None, "access_key_123"),
    ("basic " + b64(b"AK:SK"), "basic", None, "AK"),
    ("BASIC " + b64(b"AK:SK"), "basic", None, "AK"),
    ("Basic " + b64(b"AK:S:K"), "basic", None, "AK"),
    ("Bearer abc.def", "bearer", None, None),
    ("bearer abc.def", "bearer", None, None),
    ("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl", "bearer", None, None),
    ("Bearer abc-_~+/==", "bearer", None, None),
    ("Basic " + b64(b"AK:SK\n"), "invalid", "echo -n", None),
    ("Basic " + b64(b"access_key:secret_key\n"), "invalid", "echo -n", None),
    (b64(b"AK:SK"), "invalid", None, None),
    ("Basic " + b64(b"AKSK"), "invalid", None, None),
    ("Basic " + b64(b":SK"), "invalid", None, None),
    ("Basic " + b64(b"AK:"), "invalid", None, None),
    ("Basic " + b64(b":"), "invalid", None, None),
    ("Basic !!!not-base64!!!", "invalid", None, None),
    ("Basic ", "invalid", None, None),
    ("Basic", "invalid", None, None),
    ("Bearer abc def", "invalid", None, None),
    ("Bearer ", "invalid", None, None),
    ("Bearer a=b", "invalid", None, None),
    ("Bearer t\u00f6ken", "invalid", None, None),
    ("Digest username=\"AK\"", "invalid", None, None),
    ("", "invalid", None, None),
    ("Basic " + b64(b"AK:S\x01K"), "invalid", None, None),
]


# ---------------------------------------------------------------------------------------------
# libmagic answers, manifest, verification
# ---------------------------------------------------------------------------------------------

def load_libmagic():
    table = {}
    if os.path.exists(LIBMAGIC_TSV):
        with open(LIBMAGIC_TSV, encoding="utf-8") as f:
            for line in f:
                if line.startswith("#") or not line.strip():
                    continue
                path, mime = line.rstrip("\n").split("\t")
                table[path] = mime
    return table


def run_file(paths):
    out = {}
    for p in paths:
        r = subprocess.run(["file", "--mime-type", "-b", os.path.join(HERE, p)], capture_output=True, text=True, check=True)
        out[p] = r.stdout.strip()
    return out


def build():
    gen_valid_json()
    gen_valid_pdf()
    gen_valid_images()
    gen_valid_text()
    gen_valid_binary()
    gen_mislabeled()
    gen_malformed_images()
    gen_malformed_pdf()
    gen_malformed_json()
    gen_polyglots()
    gen_edge()
    gen_tensors()
    gen_pairs()


def write_cases():
    if os.path.isdir(CASES_DIR):
        shutil.rmtree(CASES_DIR)
    for path in sorted(WRITTEN):
        full = os.path.join(HERE, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            f.write(WRITTEN[path])


def manifest(magic):
    files = []
    for e in FILES:
        data = e["data"]
        lm = magic[e["path"]]
        # A polyglot is sniffed as its first format, even where libmagic prefers the second.
        sniffed = e["first_format"] or our_sniff(data, lm)
        entry = {"id": e["id"], "path": e["path"], "category": e["category"], "sniffed": sniffed,
                 "libmagic": lm, "polyglot": e["polyglot"], "size": len(data)}
        if e["note"]:
            entry["note"] = e["note"]
        entry["checks"] = [verdict(data, sniffed, e["polyglot"], d, False) for d in e["declared"]]
        if e["strict"]:
            entry["strictChecks"] = [verdict(data, sniffed, e["polyglot"], d, True) for d in e["strict"]]
        files.append(entry)
    for t in TENSORS:
        t["libmagic"] = magic[t["path"]]
    for p in PAIRS:
        p["requestLibmagic"] = magic[p["request"]]
        p["responseLibmagic"] = magic[p["response"]]
    cts = [{"input": s, "normalized": normalize(s)} for s in CONTENT_TYPES]
    auths = []
    for value, expect, msg, ak in AUTHORIZATIONS:
        a = {"input": value, "expect": expect}
        if msg:
            a["messageContains"] = msg
        if ak:
            a["accessKey"] = ak
        auths.append(a)
    return {
        "version": 1,
        "generator": "Corpus/generate.py",
        "libmagicVersion": "5.44",
        "files": files,
        "contentTypes": cts,
        "authorizations": auths,
        "tensors": TENSORS,
        "pairs": PAIRS,
    }


def self_checks():
    """Cheap structural checks on what was built: fail loudly rather than commit a wrong corpus."""
    # Stated expectations about the JSON model.
    assert json_valid(b"42") and json_valid(b'"x"') and json_valid(b"null") and json_valid(b"-0")
    assert not json_valid(BOM8 + b"{}") and not json_valid(b'"\\ud800"') and not json_valid(b"[1,]")
    assert json_valid(b"[" * 512 + b"]" * 512) and not json_valid(b"[" * 513 + b"]" * 513)
    for e in FILES:
        if e["id"].startswith("valid/json/"):
            assert json_valid(e["data"]), e["id"]
            json.loads(e["data"].decode("utf-8"))
        if e["id"].startswith("malformed/json/"):
            assert not json_valid(e["data"]), e["id"]
    # PNG: every chunk CRC right in valid PNGs, IDAT inflates.
    for e in FILES:
        if e["category"] == "valid" and e["path"].endswith(".png"):
            d = e["data"]
            k = 8
            idat = b""
            while k < len(d):
                n = struct.unpack(">I", d[k : k + 4])[0]
                t = d[k + 4 : k + 8]
                assert struct.unpack(">I", d[k + 8 + n : k + 12 + n])[0] == zlib.crc32(d[k + 4 : k + 8 + n]) & 0xFFFFFFFF
                if t == b"IDAT":
                    idat += d[k + 8 : k + 8 + n]
                k += 12 + n
            assert k == len(d)
            zlib.decompress(idat)
    # Polyglot ZIPs open as ZIPs.
    import zipfile
    for e in FILES:
        if e["category"] == "polyglot" and b"PK\x05\x06" in e["data"]:
            with zipfile.ZipFile(io.BytesIO(e["data"])) as z:
                assert z.testzip() is None, e["id"]
    # Pairs: the stated split counts follow the rule as modelled here.
    for p in PAIRS:
        assert p["predictionLogs"] == expected_logs(p), p["id"]
    # Tensors: valid bodies add up.
    for t in TENSORS:
        if t["valid"]:
            body = WRITTEN[t["path"]]
            h = json.loads(body[: t["headerLength"]])
            tensors = h.get("inputs") or h.get("outputs")
            total = sum(x.get("parameters", {}).get("binary_data_size", 0) for x in tensors)
            assert t["headerLength"] + total == len(body), t["id"]


def expected_logs(p):
    if p["status"] >= 400 or p["requestType"] != "application/json" or p["responseType"] != "application/json":
        return 1
    rq = WRITTEN[p["request"]]
    rs = WRITTEN[p["response"]]
    if not json_valid(rq) or not json_valid(rs):
        return 1
    rq = json.loads(rq)
    rs = json.loads(rs)
    if not isinstance(rq, dict) or not isinstance(rs, dict):
        return 1
    arr = None
    for k in ("instances", "inputs", "prompt"):
        if k in rq:
            arr = rq[k]
            break
    if not isinstance(arr, list) or len(arr) <= 1:
        return 1
    n = len(arr)
    if "predictions" in rs:
        ok = isinstance(rs["predictions"], list) and len(rs["predictions"]) == n
        if "explanations" in rs:
            ok = ok and isinstance(rs["explanations"], list) and len(rs["explanations"]) == n
    elif "choices" in rs:
        ok = isinstance(rs["choices"], list) and len(rs["choices"]) == n
    else:
        ok = False
    return n if ok else 1


def main(argv):
    build()
    write_cases()
    all_paths = sorted(WRITTEN)
    if "--record-libmagic" in argv:
        answers = run_file(all_paths)
        with open(LIBMAGIC_TSV, "w", encoding="utf-8") as f:
            f.write("# `file --mime-type -b` (libmagic 5.44) for every corpus file; recorded by generate.py --record-libmagic\n")
            for p in all_paths:
                f.write("%s\t%s\n" % (p, answers[p]))
    magic = load_libmagic()
    missing = [p for p in all_paths if p not in magic]
    if missing:
        sys.exit("no recorded libmagic answer for %d files (first: %s); run with --record-libmagic" % (len(missing), missing[0]))
    self_checks()
    m = manifest(magic)
    with open(MANIFEST, "w", encoding="utf-8") as f:
        f.write(json.dumps(m, indent=1, ensure_ascii=True) + "\n")
    if "--verify" in argv:
        live = run_file(all_paths)
        bad = [(p, magic[p], live[p]) for p in all_paths if magic[p] != live[p]]
        for p, want, got in bad:
            print("libmagic differs: %s recorded %s, file says %s" % (p, want, got))
        print("verified %d files against `file`: %d differences" % (len(all_paths), len(bad)))
        if bad:
            sys.exit(1)
    total = sum(len(v) for v in WRITTEN.values())
    print("%d files in manifest, %d tensors, %d pairs, %d content types, %d authorizations; %d files, %d bytes" % (
        len(m["files"]), len(TENSORS), len(PAIRS), len(CONTENT_TYPES), len(AUTHORIZATIONS), len(WRITTEN), total))


if __name__ == "__main__":
    main(sys.argv[1:])
