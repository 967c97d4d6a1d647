#include "format.h"

#include <QLocale>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>

#ifdef Q_OS_WIN
#include <io.h>
#define isatty _isatty
#define fileno _fileno
#else
#include <unistd.h>
#endif

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

QString line(const QStringList &cells, const QList<qsizetype> &widths)
{
    QString out;
    for (qsizetype i = 0; i < cells.size(); ++i) {
        if (i > 0)
            out += u"  "_s;
        out += i + 1 < cells.size() ? cells.at(i).leftJustified(widths.at(i)) : cells.at(i);
    }
    while (out.endsWith(u' '))
        out.chop(1);
    return out + u'\n';
}

} // namespace

QString Table::toString() const
{
    QList<qsizetype> widths;
    for (const QString &header : m_headers)
        widths << header.size();
    for (const QStringList &row : m_rows)
        for (qsizetype i = 0; i < row.size() && i < widths.size(); ++i)
            widths[i] = std::max(widths[i], row.at(i).size());
    QString out = line(m_headers, widths);
    for (const QStringList &row : m_rows)
        out += line(row, widths);
    return out;
}

QString keyValues(const QList<QPair<QString, QString>> &pairs)
{
    qsizetype width = 0;
    for (const auto &[key, value] : pairs)
        width = std::max(width, key.size() + 1);
    QString out;
    for (const auto &[key, value] : pairs)
        out += (key + u':').leftJustified(width + 1) + value + u'\n';
    return out;
}

QString formatBytes(qint64 bytes)
{
    return QLocale::c().formattedDataSize(bytes, 2, QLocale::DataSizeIecFormat);
}

QString formatTime(const QDateTime &time)
{
    if (!time.isValid())
        return u"-"_s;
    return time.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss"_s);
}

QString formatDuration(qint64 seconds)
{
    const qint64 hours = seconds / 3600;
    const qint64 minutes = (seconds / 60) % 60;
    const QString tail = u"%1:%2"_s.arg(minutes, hours ? 2 : 1, 10, QChar(u'0'))
                             .arg(seconds % 60, 2, 10, QChar(u'0'));
    return hours ? u"%1:%2"_s.arg(hours).arg(tail) : tail;
}

QString formatOptional(const std::optional<qint64> &value)
{
    return value ? QString::number(*value) : u"-"_s;
}

QString yesNo(bool value)
{
    return value ? u"yes"_s : u"no"_s;
}

void printOut(const QString &text)
{
    writeOut(text.toUtf8());
}

void printErr(const QString &text)
{
    const QByteArray bytes = text.toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stderr);
    std::fflush(stderr);
}

void writeOut(const QByteArray &bytes)
{
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stdout);
    std::fflush(stdout);
}

bool stderrIsTerminal()
{
    return isatty(fileno(stderr)) != 0;
}

} // namespace Kuractl
