#include "pathtext.h"

#include <algorithm>
#include <cstring>

namespace Kura::Fs {

namespace {

// Length of the valid UTF-8 sequence starting at `i`, or 0 when the bytes there are not one.
// Rejects overlong forms, surrogates and code points above U+10FFFF.
int utf8SequenceLength(const QByteArray &bytes, qsizetype i)
{
    const auto byteAt = [&](qsizetype k) { return uchar(bytes.at(k)); };
    const uchar lead = byteAt(i);
    int length = 0;
    quint32 codePoint = 0;
    if (lead >= 0xc2 && lead <= 0xdf) {
        length = 2;
        codePoint = lead & 0x1f;
    } else if (lead >= 0xe0 && lead <= 0xef) {
        length = 3;
        codePoint = lead & 0x0f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
        length = 4;
        codePoint = lead & 0x07;
    } else {
        return 0;
    }
    if (i + length > bytes.size())
        return 0;
    for (int k = 1; k < length; ++k) {
        const uchar continuation = byteAt(i + k);
        if ((continuation & 0xc0) != 0x80)
            return 0;
        codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    const quint32 minimum = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
    if (codePoint < minimum || codePoint > 0x10ffff || (codePoint >= 0xd800 && codePoint <= 0xdfff))
        return 0;
    return length;
}

QString escapeByte(uchar byte)
{
    switch (byte) {
    case '\n': return QStringLiteral("\\n");
    case '\t': return QStringLiteral("\\t");
    case '\r': return QStringLiteral("\\r");
    case '\\': return QStringLiteral("\\\\");
    default: return QStringLiteral("\\x%1").arg(uint(byte), 2, 16, QLatin1Char('0'));
    }
}

} // namespace

QString displayPath(const QByteArray &path)
{
    QString out;
    out.reserve(path.size());
    qsizetype i = 0;
    while (i < path.size()) {
        const uchar byte = uchar(path.at(i));
        if (byte >= 0x20 && byte < 0x7f && byte != '\\') {
            out += QLatin1Char(char(byte));
            ++i;
            continue;
        }
        const int length = byte >= 0x80 ? utf8SequenceLength(path, i) : 0;
        if (length > 0) {
            out += QString::fromUtf8(path.constData() + i, length);
            i += length;
        } else {
            out += escapeByte(byte);
            ++i;
        }
    }
    return out;
}

QByteArray joinPath(const QByteArray &directory, const QByteArray &name)
{
    if (directory.isEmpty())
        return name;
    if (directory.endsWith('/'))
        return directory + name;
    return directory + '/' + name;
}

bool walksBefore(const QByteArray &a, const QByteArray &b)
{
    // Byte order with '/' below every byte a name can hold. Paths being compared share long
    // prefixes, so the first difference is looked for eight bytes at a time.
    const auto rank = [](char c) { return c == '/' ? 0 : int(uchar(c)) + 1; };
    const qsizetype common = std::min(a.size(), b.size());
    qsizetype i = 0;
    for (; i + 8 <= common; i += 8) {
        quint64 wa, wb;
        std::memcpy(&wa, a.constData() + i, 8);
        std::memcpy(&wb, b.constData() + i, 8);
        if (wa != wb)
            break;
    }
    for (; i < common; ++i) {
        if (a[i] != b[i])
            return rank(a[i]) < rank(b[i]);
    }
    return a.size() < b.size();
}

namespace {

QByteArray withoutTrailingSlashes(const QByteArray &path)
{
    qsizetype end = path.size();
    while (end > 1 && path.at(end - 1) == '/')
        --end;
    return path.left(end);
}

} // namespace

QByteArray parentPath(const QByteArray &path)
{
    const QByteArray trimmed = withoutTrailingSlashes(path);
    const qsizetype slash = trimmed.lastIndexOf('/');
    if (slash < 0)
        return QByteArrayLiteral(".");
    if (slash == 0)
        return QByteArrayLiteral("/");
    return trimmed.left(slash);
}

QByteArray baseName(const QByteArray &path)
{
    const QByteArray trimmed = withoutTrailingSlashes(path);
    return trimmed.mid(trimmed.lastIndexOf('/') + 1);
}

QByteArray keepBothCandidate(const QByteArray &path, int attempt)
{
    constexpr qsizetype MaxNameBytes = 255; // NAME_MAX on Linux file systems
    const QByteArray suffix = ".restored-" + QByteArray::number(attempt);
    QByteArray trimmed = withoutTrailingSlashes(path);
    const qsizetype nameBytes = trimmed.size() - (trimmed.lastIndexOf('/') + 1);
    const qsizetype excess = nameBytes + suffix.size() - MaxNameBytes;
    if (excess > 0)
        trimmed.chop(std::min(excess, nameBytes));
    return trimmed + suffix;
}

} // namespace Kura::Fs
