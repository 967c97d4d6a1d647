#pragma once

#include <QByteArray>
#include <QString>

namespace Kura::Fs {

// Paths in Kura::Fs are raw bytes: a file name may be in any encoding and may hold any byte
// except '/' and NUL, newlines included. These helpers never decode a path lossily.

// A readable rendering of a raw path for messages and logs: valid UTF-8 is kept, '\\', control
// bytes and bytes that are not valid UTF-8 are written as escapes ("\\n", "\\t", "\\xff",
// "\\\\"). The rendering is unambiguous: different paths always render differently.
QString displayPath(const QByteArray &path);

// `directory` + "/" + `name`, without doubling a trailing slash of `directory`.
QByteArray joinPath(const QByteArray &directory, const QByteArray &name);

// The directory part of `path` ("a/b" -> "a", "/a" -> "/", "a" -> "."), trailing slashes ignored.
QByteArray parentPath(const QByteArray &path);

// The last component of `path` ("a/b" -> "b", "/a/" -> "a"), trailing slashes ignored.
QByteArray baseName(const QByteArray &path);

// The order of a depth-first walk whose folders give their names in byte order: `a` comes
// before `b` when, compared component by component, a's first differing name sorts first, or
// `a` is a folder above `b` ("a" < "a/z" < "a-b", whereas plain byte order puts "a-b" before
// "a/z"). Equal paths are not before each other.
bool walksBefore(const QByteArray &a, const QByteArray &b);

// The name the KeepBoth overwrite policy tries as its `attempt`-th alternative (from 1):
// "<path>.restored-<attempt>". The original name stays intact as a prefix, so any extension
// remains visible and no encoding is assumed. A name that would exceed 255 bytes is shortened
// at its end (bytewise) before the suffix.
QByteArray keepBothCandidate(const QByteArray &path, int attempt);

} // namespace Kura::Fs
