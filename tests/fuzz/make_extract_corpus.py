#!/usr/bin/env python3
# Writes the seed layers of fuzz_extract into corpus/extract/: small tars
# (no record padding, each under 4 KiB) whose entries try to reach
# "muelle-fuzz-escape" or the canary beside the target directory, the names
# fuzz_extract.cpp checks. Run it again after changing a seed.
import gzip
import io
import os
import subprocess
import tarfile

tarfile.RECORDSIZE = 512  # no padding to 10 KiB
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "corpus", "extract")
ESCAPE = "muelle-fuzz-escape"


def entry(name, kind=tarfile.REGTYPE, data=b"", link="", mode=0o644):
    info = tarfile.TarInfo(name)
    info.type = kind
    info.mode = mode
    info.mtime = 1700000000
    info.linkname = link
    info.size = len(data) if kind == tarfile.REGTYPE else 0
    return info, data


def layer(*entries):
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w", format=tarfile.GNU_FORMAT) as tar:
        for info, data in entries:
            tar.addfile(info, io.BytesIO(data) if data else None)
    return out.getvalue()


def directory(name, mode=0o755):
    return entry(name, tarfile.DIRTYPE, mode=mode)


def symlink(name, target):
    return entry(name, tarfile.SYMTYPE, link=target)


def hardlink(name, target):
    return entry(name, tarfile.LNKTYPE, link=target)


seeds = {
    "plain": layer(directory("d/"), entry("d/f", data=b"hello\n"), entry("top", data=b"x", mode=0o4755)),
    "climb": layer(entry("../" + ESCAPE, data=b"out")),
    "absolute": layer(entry("/" + ESCAPE, data=b"out"), entry("/tmp/" + ESCAPE, data=b"out")),
    "symlink_root": layer(symlink("s", "/"), entry("s/" + ESCAPE, data=b"out"), entry("s/tmp/" + ESCAPE, data=b"out")),
    "symlink_up": layer(symlink("up", ".."), entry("up/" + ESCAPE, data=b"out"), entry("up/canary", data=b"overwritten")),
    "symlink_chain": layer(symlink("a", "b"), symlink("b", "../.."), directory("a/x/"), entry("a/" + ESCAPE)),
    "hardlink_out": layer(hardlink("h", "../canary"), hardlink("h2", "/tmp/" + ESCAPE), entry("h", data=b"overwrite")),
    "hardlink_via_symlink": layer(symlink("up", ".."), hardlink("h", "up/canary")),
    "whiteouts": layer(directory("d/"), entry("d/.wh.f"), entry("d/.wh..wh..opq"), entry("d/g", data=b"g")),
    "whiteout_up": layer(symlink("up", ".."), entry("up/.wh.canary"), entry("up/.wh..wh..opq"), entry("../.wh.canary")),
    "root_modes": layer(directory("./", 0o700), directory("x/", 0o000), entry("x/y", data=b"y"), entry("x/./../z")),
    "parent_dir": layer(directory("../", 0o000)),
    "replace": layer(directory("d/"), entry("d", data=b"file over dir"), symlink("d", "/tmp"), entry("d/" + ESCAPE)),
    "special": layer(entry("fifo", tarfile.FIFOTYPE), entry("null", tarfile.CHRTYPE), entry("blk", tarfile.BLKTYPE)),
    "longname": layer(symlink("l" * 150, "../" * 40 + ESCAPE)),
}
seeds["gzip"] = gzip.compress(seeds["plain"], mtime=0)
seeds["zstd"] = subprocess.run(["zstd", "-q", "-c", "-19"], input=seeds["symlink_up"], capture_output=True,
                               check=True).stdout
seeds["truncated"] = seeds["plain"][:700]
seeds["empty"] = b""
seeds["zeros"] = bytes(1024)

os.makedirs(OUT, exist_ok=True)
for name, data in seeds.items():
    assert len(data) < 4096, (name, len(data))
    suffix = {"gzip": ".tar.gz", "zstd": ".tar.zst"}.get(name, ".tar")
    with open(os.path.join(OUT, name + suffix), "wb") as f:
        f.write(data)
