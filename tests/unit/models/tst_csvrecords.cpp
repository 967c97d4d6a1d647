// The RFC 4180 reader of the report export: records kept byte for byte, quoting, and errors
// that name the record and offset.
#include <csvrecords.h>

#include <QTest>

using namespace Qt::StringLiterals;
using namespace Kura;

class tst_CsvRecords : public QObject
{
    Q_OBJECT

private slots:
    void readsQuotedFields();
    void selectsRowsByteForByte();
    void rejectsMalformedDocuments_data();
    void rejectsMalformedDocuments();
    void rejectsPositionsOutOfRange();
};

void tst_CsvRecords::readsQuotedFields()
{
    const QByteArray text = "\xEF\xBB\xBFserver,reason\r\n\"db, main\",\"said \"\"no\"\"\"\r\n"
                            "web,\"line one\r\nline two\"\r\n\xE3\x82\xB5,\r\n";
    auto document = Models::parseCsv(text);
    QVERIFY2(document, qPrintable(document ? QString() : document.error().toString()));
    QCOMPARE(document->byteOrderMark, QByteArray("\xEF\xBB\xBF"));
    QCOMPARE(document->records.size(), 4);
    QCOMPARE(document->records[1].fields, (QStringList { u"db, main"_s, u"said \"no\""_s }));
    QCOMPARE(document->records[2].fields, (QStringList { u"web"_s, u"line one\r\nline two"_s }));
    QCOMPARE(document->records[3].fields, (QStringList { u"サ"_s, QString() }));
}

void tst_CsvRecords::selectsRowsByteForByte()
{
    const QByteArray header = "server,result\r\n";
    const QByteArray a = "a,succeeded\r\n";
    const QByteArray b = "\"b \"\"x\"\"\",failed\r\n";
    const QByteArray c = "c,stopped\r\n";
    auto document = Models::parseCsv("\xEF\xBB\xBF" + header + a + b + c);
    QVERIFY(document);
    auto selected = Models::selectCsvRows(*document, { 1, 2 });
    QVERIFY(selected);
    QCOMPARE(*selected, "\xEF\xBB\xBF" + header + b + c);
    auto none = Models::selectCsvRows(*document, {});
    QVERIFY(none);
    QCOMPARE(*none, "\xEF\xBB\xBF" + header);
}

void tst_CsvRecords::rejectsMalformedDocuments_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("message");
    QTest::newRow("unterminated quote") << QByteArray("a,\"b\r\n") << u"record 1 at byte 6: a quoted field is not closed"_s;
    QTest::newRow("quote in unquoted field") << QByteArray("a,b\r\nc\"d\r\n") << u"record 2 at byte 6: a quote inside an unquoted field"_s;
    QTest::newRow("text after closing quote") << QByteArray("\"a\"b\r\n") << u"record 1 at byte 3: text follows a closing quote"_s;
    QTest::newRow("lone carriage return") << QByteArray("a\rb\r\n") << u"record 1 at byte 2: a carriage return without a line feed"_s;
    QTest::newRow("not utf-8") << QByteArray("a,\xff\r\n") << u"record 1 at byte 3: the text is not UTF-8"_s;
}

void tst_CsvRecords::rejectsMalformedDocuments()
{
    QFETCH(QByteArray, text);
    QFETCH(QString, message);
    auto document = Models::parseCsv(text);
    QVERIFY(!document);
    QCOMPARE(document.error().code(), ErrorCode::Corrupt);
    QVERIFY2(document.error().message().contains(message), qPrintable(document.error().message()));
}

void tst_CsvRecords::rejectsPositionsOutOfRange()
{
    auto document = Models::parseCsv("h\r\nrow\r\n");
    QVERIFY(document);
    auto selected = Models::selectCsvRows(*document, { 1 });
    QVERIFY(!selected);
    QCOMPARE(selected.error().code(), ErrorCode::InvalidArgument);
    QCOMPARE(selected.error().message(), u"row 1 is not in the CSV document of 1 rows"_s);
}

QTEST_GUILESS_MAIN(tst_CsvRecords)
#include "tst_csvrecords.moc"
