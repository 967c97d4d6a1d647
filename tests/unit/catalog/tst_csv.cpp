#include <catalog/csv.h>
#include <testsupport.h>

#include <QRegularExpression>

#include <QTimeZone>

using namespace Qt::StringLiterals;
using namespace Kura::Catalog;

namespace {

// An independent RFC 4180 reader used to check the writer: quoted fields may hold commas,
// doubled quotes, CR and LF; records end with CRLF.
QList<QStringList> parseCsv(const QString &text, bool *ok)
{
    QList<QStringList> rows;
    QStringList row;
    QString field;
    bool quoted = false, fieldStarted = false;
    *ok = true;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar c = text.at(i);
        if (quoted) {
            if (c == u'"' && i + 1 < text.size() && text.at(i + 1) == u'"') {
                field += u'"';
                ++i;
            } else if (c == u'"') {
                quoted = false;
            } else {
                field += c;
            }
        } else if (c == u'"' && !fieldStarted) {
            quoted = fieldStarted = true;
        } else if (c == u',') {
            row << field;
            field.clear();
            fieldStarted = false;
        } else if (c == u'\r' && i + 1 < text.size() && text.at(i + 1) == u'\n') {
            row << field;
            rows << row;
            row.clear();
            field.clear();
            fieldStarted = false;
            ++i;
        } else if (c == u'"' || c == u'\r' || c == u'\n') {
            *ok = false; // a bare quote, CR or LF outside quotes is not RFC 4180
        } else {
            field += c;
            fieldStarted = true;
        }
    }
    if (quoted || !field.isEmpty() || !row.isEmpty())
        *ok = false; // every record must end with CRLF
    return rows;
}

} // namespace

class tst_Csv : public QObject {
    Q_OBJECT
private slots:
    void init() { QTest::failOnWarning(QRegularExpression(u".*"_s)); }
    void quotesOnlyWhenNeeded_data();
    void quotesOnlyWhenNeeded();
    void documentParsesBack_data();
    void documentParsesBack();
    void documentStartsWithBomAndUsesCrlf();
    void isoTimeCarriesOffset_data();
    void isoTimeCarriesOffset();
};

void tst_Csv::quotesOnlyWhenNeeded_data()
{
    QTest::addColumn<QString>("value");
    QTest::addColumn<QString>("expected");
    QTest::newRow("plain") << u"web1"_s << u"web1"_s;
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("comma") << u"a,b"_s << u"\"a,b\""_s;
    QTest::newRow("quote doubled") << u"say \"hi\""_s << u"\"say \"\"hi\"\"\""_s;
    QTest::newRow("line feed") << u"a\nb"_s << u"\"a\nb\""_s;
    QTest::newRow("carriage return") << u"a\rb"_s << u"\"a\rb\""_s;
    QTest::newRow("leading space") << u" a"_s << u"\" a\""_s;
    QTest::newRow("japanese") << u"バックアップ"_s << u"バックアップ"_s;
}

void tst_Csv::quotesOnlyWhenNeeded()
{
    QFETCH(QString, value);
    QFETCH(QString, expected);
    QCOMPARE(Csv::field(value), expected);
}

void tst_Csv::documentParsesBack_data()
{
    QTest::addColumn<QList<QStringList>>("rows");
    QTest::newRow("simple table") << QList<QStringList> { { u"a"_s, u"b"_s }, { u"1"_s, u"2"_s } };
    QTest::newRow("every special character") << QList<QStringList> {
        { u"x,y"_s, u"\"quoted\""_s, u"line1\r\nline2"_s, u"lf\nonly"_s, QString() },
        { u"日本語"_s, u"trailing "_s, u","_s, u"\""_s, u"\r"_s }
    };
    QTest::newRow("single empty field") << QList<QStringList> { { QString() } };
}

void tst_Csv::documentParsesBack()
{
    QFETCH(QList<QStringList>, rows);
    const QByteArray bytes = Csv::document(rows);
    QVERIFY(bytes.startsWith("\xEF\xBB\xBF"));
    bool ok = false;
    const QList<QStringList> parsed = parseCsv(QString::fromUtf8(bytes.mid(3)), &ok);
    QVERIFY(ok);
    QCOMPARE(parsed, rows);
}

void tst_Csv::documentStartsWithBomAndUsesCrlf()
{
    const QByteArray bytes = Csv::document({ { u"a"_s }, { u"b"_s } });
    QCOMPARE(bytes,
        QByteArray("\xEF\xBB\xBF"
                   "a\r\nb\r\n"));
}

void tst_Csv::isoTimeCarriesOffset_data()
{
    QTest::addColumn<QByteArray>("zone");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<QString>("expected");
    const qint64 midnightUtc = 1795392000000; // 2026-11-23T00:00:00Z
    QTest::newRow("Tokyo") << QByteArray("Asia/Tokyo") << midnightUtc
                           << u"2026-11-23T09:00:00+09:00"_s;
    QTest::newRow("UTC") << QByteArray("UTC") << midnightUtc << u"2026-11-23T00:00:00+00:00"_s;
    QTest::newRow("New York, winter")
        << QByteArray("America/New_York") << midnightUtc << u"2026-11-22T19:00:00-05:00"_s;
    QTest::newRow("New York, summer")
        << QByteArray("America/New_York") << qint64(1782864000000) // 2026-07-01Z
        << u"2026-06-30T20:00:00-04:00"_s;
    QTest::newRow("India, half hour")
        << QByteArray("Asia/Kolkata") << midnightUtc << u"2026-11-23T05:30:00+05:30"_s;
    QTest::newRow("invalid zone means UTC")
        << QByteArray("Not/AZone") << midnightUtc << u"2026-11-23T00:00:00+00:00"_s;
}

void tst_Csv::isoTimeCarriesOffset()
{
    QFETCH(QByteArray, zone);
    QFETCH(qint64, ms);
    QFETCH(QString, expected);
    QCOMPARE(Csv::isoTime(ms, QTimeZone(zone)), expected);
}

QTEST_GUILESS_MAIN(tst_Csv)
#include "tst_csv.moc"
