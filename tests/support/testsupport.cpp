#include "testsupport.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace Kura::Test {

QByteArray randomBytes(qsizetype size, quint64 seed)
{
    QByteArray out(size, Qt::Uninitialized);
    quint64 x = seed * 0x9E3779B97F4A7C15ull + 1;
    qsizetype i = 0;
    while (i < size) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        for (int b = 0; b < 8 && i < size; ++b, ++i)
            out[i] = char((x >> (b * 8)) & 0xff);
    }
    return out;
}

bool writeFile(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return file.write(data) == data.size();
}

QByteArray readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.readAll();
}

} // namespace Kura::Test
