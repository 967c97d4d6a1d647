#pragma once

// Parsing of Linux /proc/self/mountinfo, to tell whether a block device is mounted.
// Pure functions, so tests can feed them fixed text. Not a public API.

#include <QByteArray>

namespace Kura::Fs::Posix {

// Undoes the octal escapes the kernel writes in mountinfo fields ("\\040" for a space,
// "\\011" tab, "\\012" newline, "\\134" backslash). Malformed escapes are kept literally.
QByteArray unescapeMountField(const QByteArray &field);

// True when some line of `mountInfo` mounts the device `major`:`minor` (field 3) or has
// `devicePath` as its mount source (the field after " - " and the file-system type).
// An empty `devicePath` matches only by number. Lines that are malformed are ignored.
bool mountInfoListsDevice(const QByteArray &mountInfo, quint32 major, quint32 minor,
                          const QByteArray &devicePath);

} // namespace Kura::Fs::Posix
