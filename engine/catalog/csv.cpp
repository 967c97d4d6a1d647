#include "csv.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace Kura::Catalog::Csv {

QString field(const QString &value)
{
    const bool needsQuotes = value.contains(u',') || value.contains(u'"') || value.contains(u'\r')
        || value.contains(u'\n') || value.startsWith(u' ') || value.endsWith(u' ');
    if (!needsQuotes)
        return value;
    QString quoted = value;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString record(const QStringList &fields)
{
    QString line;
    for (qsizetype i = 0; i < fields.size(); ++i) {
        if (i > 0)
            line += u',';
        line += field(fields.at(i));
    }
    return line + u"\r\n"_s;
}

QByteArray document(const QList<QStringList> &rows)
{
    QByteArray out("\xEF\xBB\xBF");
    for (const QStringList &row : rows)
        out += record(row).toUtf8();
    return out;
}

QString isoTime(qint64 msSinceEpoch, const QTimeZone &zone)
{
    const QDateTime utc = QDateTime::fromMSecsSinceEpoch(msSinceEpoch, Qt::UTC);
    const int offsetSeconds = zone.isValid() ? zone.offsetFromUtc(utc) : 0;
    const QDateTime local = utc.addSecs(offsetSeconds);
    const int absMinutes = qAbs(offsetSeconds) / 60;
    return u"%1%2%3:%4"_s
        .arg(local.toString(u"yyyy-MM-ddTHH:mm:ss"_s), offsetSeconds < 0 ? u"-"_s : u"+"_s)
        .arg(absMinutes / 60, 2, 10, QChar(u'0'))
        .arg(absMinutes % 60, 2, 10, QChar(u'0'));
}

} // namespace Kura::Catalog::Csv
