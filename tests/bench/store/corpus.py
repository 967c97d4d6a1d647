"""Deterministic benchmark corpus for the storage benchmark, and its ~2 % change.

A corpus at scale 1.0 holds about 2 GB (apparent size):
  src/      tens of thousands of small source-like text files in nested folders (~330 MB)
  logs/     a few large semi-compressible files: server logs and CSV tables (~400 MB)
  media/    incompressible random data (~300 MB)
  disk.img  a sparse disk image: 1 GiB apparent, about a quarter of it data at scattered
            4 KiB-aligned offsets (half random, half text), the rest holes
Every byte comes from random.Random seeded with the corpus seed, so the same scale and
seed give the same files on every machine.

The change (apply_change) touches about 2 % of the corpus bytes, always the same ones for a
given corpus, in the ways real data changes: 2 % of the small files edited in the middle (a
stretch rewritten in place, or lines inserted) or appended to; 5 % appended to each log and
CSV table; 3 % of each random file replaced, inserted in the middle of the first (shifting
everything after it) and overwritten in place in the others; 4 % of the disk image's data
overwritten in 10 places. It returns an undo record that revert_change uses to put the
original content back, so several tools can be measured on the same corpus.
"""

import os
import random

MIB = 1024 * 1024
BLOCK = 4096

WORDS = ("buffer index chunk packet stream reader writer config value result error status "
         "handler request response session token cache entry table record node tree path "
         "offset length count size limit timeout retry backup restore snapshot repository "
         "server client agent policy schedule job queue worker thread mutex signal slot").split()
TYPES = ("int", "qint64", "QByteArray", "QString", "bool", "auto", "const Entry &", "size_t")
LEVELS = ("INFO", "INFO", "INFO", "DEBUG", "DEBUG", "WARN", "ERROR")
COMPONENTS = ("httpd", "scheduler", "db", "auth", "cache", "mailer", "worker", "kernel")
EXTENSIONS = (".cpp", ".h", ".py", ".md", ".json", ".txt", ".js", ".go")


def _identifier(rng):
    parts = rng.sample(WORDS, rng.randint(1, 3))
    return parts[0] + "".join(p.capitalize() for p in parts[1:])


def _line_pool(rng, count):
    """Source-like lines: declarations, calls, comments, control flow."""
    pool = []
    for _ in range(count):
        kind = rng.randrange(6)
        indent = " " * (4 * rng.randint(0, 3))
        if kind == 0:
            line = f"{indent}{rng.choice(TYPES)} {_identifier(rng)} = {_identifier(rng)}({_identifier(rng)});"
        elif kind == 1:
            line = f"{indent}if ({_identifier(rng)} > {rng.randint(0, 4096)})"
        elif kind == 2:
            line = f"{indent}// {' '.join(rng.choices(WORDS, k=rng.randint(3, 12)))}"
        elif kind == 3:
            line = f"{indent}return {_identifier(rng)}.{_identifier(rng)}();"
        elif kind == 4:
            line = f"{indent}{_identifier(rng)}->{_identifier(rng)}({rng.randint(0, 99)}, \"{rng.choice(WORDS)}\");"
        else:
            line = indent + "}" if rng.random() < 0.5 else ""
        pool.append(line + "\n")
    return pool


def _text_bytes(rng, pool, size):
    """About `size` bytes of lines picked from the pool."""
    lines = rng.choices(pool, k=max(1, size // 36))
    return "".join(lines).encode()[:max(size, 1)]


def _log_block(rng, size, start_line):
    lines = []
    total = 0
    n = start_line
    while total < size:
        n += 1
        line = (f"2026-11-{1 + n // 2000000 % 28:02d}T{n // 36000 % 24:02d}:{n // 600 % 60:02d}:{n // 10 % 60:02d}."
                f"{n % 1000:03d}Z {rng.choice(LEVELS)} {rng.choice(COMPONENTS)}[{rng.randint(100, 9999)}]: "
                f"{' '.join(rng.choices(WORDS, k=rng.randint(3, 9)))} id={rng.getrandbits(48):012x} "
                f"took={rng.randint(0, 5000)}ms\n")
        lines.append(line)
        total += len(line)
    return "".join(lines).encode(), n


def _csv_block(rng, size, start_line):
    lines = []
    total = 0
    n = start_line
    while total < size:
        n += 1
        line = (f"{n},{2000 + n % 27}-{1 + n % 12:02d}-{1 + n % 28:02d},{rng.choice(WORDS)},"
                f"{rng.uniform(-1000, 1000):.4f},{rng.randint(0, 10**6)},{rng.choice(COMPONENTS)}\n")
        lines.append(line)
        total += len(line)
    return "".join(lines).encode(), n


def _write_random(path, rng, size):
    with open(path, "wb") as f:
        left = size
        while left > 0:
            n = min(left, 8 * MIB)
            f.write(rng.randbytes(n))
            left -= n


def _layout(scale):
    """Sizes and counts for a scale (1.0: about 2 GB)."""
    return {
        "small_files": max(200, int(40000 * scale)),
        "logs": [("server-%d.log" % i, int(100 * MIB * scale)) for i in range(2)]
        + [("table-%d.csv" % i, int(100 * MIB * scale)) for i in range(2)],
        "random": [("blob-%d.bin" % i, int(50 * MIB * scale)) for i in range(6)],
        "image_bytes": max(BLOCK * 256, int(1024 * MIB * scale) // (BLOCK * 256) * (BLOCK * 256)),
    }


def _small_file_paths(rng, count):
    projects = max(2, count // 4000)
    paths = []
    for i in range(count):
        project = rng.randrange(projects)
        depth = rng.randint(1, 4)
        folders = ["project-%02d" % project] + ["%s-%d" % (rng.choice(WORDS), rng.randrange(6)) for _ in range(depth)]
        paths.append(os.path.join("src", *folders, "%s-%d%s" % (_identifier(rng), i, rng.choice(EXTENSIONS))))
    return paths


def _image_extents(rng, image_bytes):
    """Data extents of the disk image: (offset, length, is_random) in 256 slots."""
    slot = image_bytes // 256
    extents = []
    for index in sorted(rng.sample(range(256), 100)):
        length = max(BLOCK, rng.randint(slot // 4, slot) // BLOCK * BLOCK)
        offset = index * slot + rng.randrange(0, slot - length + 1) // BLOCK * BLOCK
        extents.append((offset, length, rng.random() < 0.5))
    return extents


def generate(root, scale=1.0, seed=1):
    """Writes the corpus below `root` (which must not exist yet). Returns a description:
    apparent bytes, file count, the list of files, and one small file for single-file restores."""
    rng = random.Random(seed)
    layout = _layout(scale)
    os.makedirs(root)
    pool = _line_pool(rng, 40000)
    small = _small_file_paths(rng, layout["small_files"])
    apparent = 0
    previous = b""
    for path in small:
        full = os.path.join(root, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        # Sizes are skewed like real source trees: most files small, a few large. One file in
        # fifty is a copy of the one before it (vendored or generated duplicates).
        if previous and rng.random() < 0.02:
            data = previous
        else:
            data = _text_bytes(rng, pool, min(int(rng.lognormvariate(8.4, 1.0)), 512 * 1024))
        with open(full, "wb") as f:
            f.write(data)
        apparent += len(data)
        previous = data
    os.makedirs(os.path.join(root, "logs"))
    for name, size in layout["logs"]:
        block = _log_block if name.endswith(".log") else _csv_block
        with open(os.path.join(root, "logs", name), "wb") as f:
            written, line = 0, 0
            while written < size:
                data, line = block(rng, min(MIB, size - written), line)
                f.write(data)
                written += len(data)
        apparent += written
    os.makedirs(os.path.join(root, "media"))
    for name, size in layout["random"]:
        _write_random(os.path.join(root, "media", name), rng, size)
        apparent += size
    image = os.path.join(root, "disk.img")
    with open(image, "wb") as f:
        f.truncate(layout["image_bytes"])
        for offset, length, is_random in _image_extents(_image_rng(seed, scale), layout["image_bytes"]):
            f.seek(offset)
            f.write(rng.randbytes(length) if is_random else _log_block(rng, length, offset)[0][:length])
    apparent += layout["image_bytes"]
    files = small + [os.path.join("logs", n) for n, _ in layout["logs"]] \
        + [os.path.join("media", n) for n, _ in layout["random"]] + ["disk.img"]
    return {"root": root, "apparent_bytes": apparent, "files": len(files), "small_files": len(small),
            "image_bytes": layout["image_bytes"], "single_file": small[len(small) // 2], "scale": scale,
            "seed": seed, "small_paths": small}


def _read(path, offset=0, length=-1):
    with open(path, "rb") as f:
        f.seek(offset)
        return f.read(length)


def _write_at(path, offset, data):
    with open(path, "r+b") as f:
        f.seek(offset)
        f.write(data)


def apply_change(corpus):
    """Changes about 2 % of the corpus that generate() described (the same bytes every time).
    Returns (changed_bytes, undo) where undo is for revert_change."""
    root, scale, seed = corpus["root"], corpus["scale"], corpus["seed"]
    rng = random.Random(seed * 7919 + 2)
    layout = _layout(scale)
    small = corpus["small_paths"]
    undo = {"whole": {}, "truncate": {}, "regions": []}
    changed = 0
    pool = _line_pool(rng, 2000)
    for n, path in enumerate(sorted(rng.sample(small, max(1, len(small) // 50)))):
        full = os.path.join(root, path)
        original = _read(full)
        undo["whole"][full] = original
        extra = _text_bytes(rng, pool, rng.randint(200, 4000))
        middle = len(original) // 2
        if n % 3 == 0:  # a stretch rewritten in place
            edited = original[:middle] + extra[:len(original) - middle] + original[middle + len(extra):]
        elif n % 3 == 1:  # lines inserted in the middle
            edited = original[:middle] + extra + original[middle:]
        else:  # lines appended
            edited = original + extra
        with open(full, "wb") as f:
            f.write(edited)
        changed += len(extra)
    for name, size in layout["logs"]:
        full = os.path.join(root, "logs", name)
        undo["truncate"][full] = os.path.getsize(full)
        block = _log_block if name.endswith(".log") else _csv_block
        data, _ = block(rng, size // 20, 10**7)  # logs grow: 5 % appended
        with open(full, "ab") as f:
            f.write(data)
        changed += len(data)
    for n, (name, size) in enumerate(layout["random"]):
        full = os.path.join(root, "media", name)
        length = max(BLOCK, size * 3 // 100)
        if n == 0:  # bytes inserted in the middle shift everything after them
            original = _read(full)
            undo["whole"][full] = original
            with open(full, "wb") as f:
                f.write(original[:size // 2] + rng.randbytes(length) + original[size // 2:])
        else:
            offset = rng.randrange(0, max(1, size - length))
            undo["regions"].append((full, offset, _read(full, offset, length)))
            _write_at(full, offset, rng.randbytes(length))
        changed += length
    image = os.path.join(root, "disk.img")
    extents = _image_extents(_image_rng(seed, scale), layout["image_bytes"])
    data_bytes = sum(length for _, length, _ in extents)
    for offset, length, _ in rng.sample(extents, 10):  # 4 % of the image's data, in 10 places
        piece = min(length, max(BLOCK, data_bytes // 25 // 10 // BLOCK * BLOCK))
        at = offset + rng.randrange(0, length - piece + 1) // BLOCK * BLOCK
        undo["regions"].append((image, at, _read(image, at, piece)))
        _write_at(image, at, rng.randbytes(piece))
        changed += piece
    return changed, undo


def _image_rng(seed, scale):
    """The image extents have their own random stream, so apply_change can find them again."""
    return random.Random("image-%d-%r" % (seed, scale))


def revert_change(undo):
    """Puts back the content apply_change replaced (modification times are not restored)."""
    for path, original in undo["whole"].items():
        with open(path, "wb") as f:
            f.write(original)
    for path, size in undo["truncate"].items():
        os.truncate(path, size)
    for path, offset, original in reversed(undo["regions"]):
        _write_at(path, offset, original)
