#pragma once
// A file or a directory tree as tar entries, read a step at a time for a
// TarStream (docker cp out of a container, GET /containers/{id}/archive).
// Nothing is held whole: a file goes out in chunks as the stream is read.
//
// The walk never leaves the tree: symlinks are archived as links, never
// followed, and directories are opened without following one. Fifos,
// sockets and devices are left out; so are the contents of pseudo file
// systems mounted in the tree (proc, sysfs, cgroup, devpts, mqueue), whose
// directories are archived empty. Entries keep their mode, owner and
// modification time. Linux only; blocking I/O.

#include "archive/tarwriter.h"
#include "confine/fd.h"

namespace muelle::archive {

// The entry `name` of directory `parent` and, for a directory, everything
// below it, named `entryName`, `entryName/child`, ... in the archive.
TarProducer treeProducer(confine::Fd parent, QByteArray name, QString entryName);

// A directory in overlayfs's upper-dir shape (a container's changes, a
// layer being built) as an OCI layer: its children at the archive's top
// ("etc", "etc/hosts"), names sorted; an overlay whiteout (char device 0/0)
// as ".wh.<name>", an opaque directory followed by its ".wh..wh..opq"; a
// file with several links within the layer as one file and hard links.
Result<TarProducer> layerProducer(confine::Fd dir);

} // namespace muelle::archive
