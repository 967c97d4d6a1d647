#pragma once

#include "objectstore.h"

namespace Kura::Store {

// An ObjectStore in a local folder:
//   config, keys/<id>, locks/<id>, snapshots/<id>, index/<id>, data/<first two hex>/<id>
// Every write goes to a temporary file in the same folder, is synced, renamed into place,
// and the folder is synced, so a crash leaves either the old or the new object, never a torn one.
class LocalStore final : public ObjectStore
{
public:
    explicit LocalStore(QString root);

    Status initialize() override;
    Status put(ObjectKind kind, const QString &name, const QByteArray &data) override;
    Result<std::unique_ptr<ObjectWriter>> create(ObjectKind kind) override;
    Result<QByteArray> get(ObjectKind kind, const QString &name, qint64 offset,
                           qint64 length) override;
    Result<QStringList> list(ObjectKind kind) override;
    Status remove(ObjectKind kind, const QString &name) override;
    Result<qint64> size(ObjectKind kind, const QString &name) override;
    QString location() const override { return m_root; }

    // The on-disk path of an object (centralised here, never assembled elsewhere).
    QString pathOf(ObjectKind kind, const QString &name) const;
    // Removes temporary files older than `ageSeconds` left by processes that died.
    Status removeStaleTemporaries(qint64 ageSeconds);

private:
    QString folderOf(ObjectKind kind) const;
    QString m_root;
};

// Durable file primitives shared by the local store and the cache.
Status writeFileDurably(const QString &path, const QByteArray &data);
Status syncFolder(const QString &path);

} // namespace Kura::Store
