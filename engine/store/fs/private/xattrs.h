#pragma once

// Extended attributes of a path, never following a symlink. Not a public API.

#include "../metadata.h"

#include <core/error.h>

namespace Kura::Fs::Posix {

// All xattrs of the node at `path`, sorted by name. A file system without xattr support
// gives an empty list; an attribute removed while reading is left out.
Result<QList<Xattr>> readXattrs(const QByteArray &path);

// Sets one xattr on the node at `path`. Returns 0 or an errno value.
int writeXattr(const QByteArray &path, const Xattr &xattr);

} // namespace Kura::Fs::Posix
