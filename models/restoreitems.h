#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QList>
#include <QString>

namespace Kura::Models {

// The restore items are a library of their own (kura_restoreitems, Qt Core only) so that the
// fuzz build can instrument the drop parser.

// One entry chosen for a restore: a file or a whole folder of a generation.
struct RestoreItem
{
    QString path; // absolute, as the generation stores it ("/srv/data/a.txt")
    QString kind; // "file", "directory", "symlink" or "other"
    qint64 size = 0;

    bool operator==(const RestoreItem &) const = default;
};

// The MIME type of dragged restore items (tree -> restore list): a JSON array of
// {"path", "kind", "size"} objects, UTF-8.
inline constexpr char RestoreMimeType[] = "application/x-kura-restore-items";

QByteArray encodeRestoreItems(const QList<RestoreItem> &items);
// Reads dragged items. Another program may offer this type, so everything is checked: a JSON
// array of at most 100,000 objects whose "path" is absolute, has no empty, "." or ".." part
// and no NUL, whose "kind" is one of the four names and whose "size" is a number >= 0.
Result<QList<RestoreItem>> decodeRestoreItems(const QByteArray &data);

// True when `path` is `folder` itself or lies below it ("/a/b" is under "/a", "/ab" is not).
bool isSameOrUnder(const QString &path, const QString &folder);

} // namespace Kura::Models
