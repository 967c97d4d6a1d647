#include "csvrecords.h"

#include <QStringDecoder>

using namespace Qt::StringLiterals;

namespace Kura::Models {

namespace {
const QByteArray Bom("\xEF\xBB\xBF");

struct Parser
{
    const QByteArray &bytes;
    qsizetype pos = 0;
    int record = 0;

    Error corrupt(const QString &what) const
    {
        return Error(ErrorCode::Corrupt,
                     u"CSV record %1 at byte %2: %3"_s.arg(record + 1).arg(pos).arg(what));
    }

    Result<QString> decode(const QByteArray &field) const
    {
        QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString text = decoder(field);
        if (decoder.hasError())
            return tl::unexpected(corrupt(u"the text is not UTF-8"_s));
        return text;
    }

    // Reads one field starting at pos; leaves pos on the separator or line end after it.
    Result<QString> field()
    {
        QByteArray value;
        if (pos < bytes.size() && bytes.at(pos) == '"') {
            ++pos;
            for (;;) {
                if (pos >= bytes.size())
                    return tl::unexpected(corrupt(u"a quoted field is not closed"_s));
                const char c = bytes.at(pos++);
                if (c != '"') {
                    value.append(c);
                    continue;
                }
                if (pos < bytes.size() && bytes.at(pos) == '"') {
                    value.append('"');
                    ++pos;
                    continue;
                }
                break;
            }
            if (pos < bytes.size() && bytes.at(pos) != ',' && bytes.at(pos) != '\r' && bytes.at(pos) != '\n')
                return tl::unexpected(corrupt(u"text follows a closing quote"_s));
            return decode(value);
        }
        while (pos < bytes.size()) {
            const char c = bytes.at(pos);
            if (c == ',' || c == '\r' || c == '\n')
                break;
            if (c == '"')
                return tl::unexpected(corrupt(u"a quote inside an unquoted field"_s));
            value.append(c);
            ++pos;
        }
        return decode(value);
    }

    Result<CsvRecord> next()
    {
        const qsizetype start = pos;
        CsvRecord out;
        for (;;) {
            auto value = field();
            if (!value)
                return tl::unexpected(value.error());
            out.fields << *value;
            if (pos < bytes.size() && bytes.at(pos) == ',') {
                ++pos;
                continue;
            }
            break;
        }
        if (pos < bytes.size() && bytes.at(pos) == '\r') {
            ++pos;
            if (pos >= bytes.size() || bytes.at(pos) != '\n')
                return tl::unexpected(corrupt(u"a carriage return without a line feed"_s));
        }
        if (pos < bytes.size() && bytes.at(pos) == '\n')
            ++pos;
        out.raw = bytes.mid(start, pos - start);
        ++record;
        return out;
    }
};
} // namespace

Result<CsvDocument> parseCsv(const QByteArray &document)
{
    if (document.size() > MaxCsvBytes)
        return fail(ErrorCode::Corrupt, u"CSV document of %1 bytes is above the limit of %2"_s
                                            .arg(document.size()).arg(MaxCsvBytes));
    CsvDocument out;
    Parser parser { document };
    if (document.startsWith(Bom)) {
        out.byteOrderMark = Bom;
        parser.pos = Bom.size();
    }
    while (parser.pos < document.size()) {
        auto record = parser.next();
        if (!record)
            return tl::unexpected(record.error());
        out.records << std::move(*record);
    }
    return out;
}

Result<QByteArray> selectCsvRows(const CsvDocument &document, const QList<int> &positions)
{
    if (document.records.isEmpty())
        return fail(ErrorCode::InvalidArgument, u"the CSV document has no header record"_s);
    QByteArray out = document.byteOrderMark + document.records.first().raw;
    const qsizetype rows = document.records.size() - 1;
    for (int position : positions) {
        if (position < 0 || position >= rows)
            return fail(ErrorCode::InvalidArgument,
                        u"row %1 is not in the CSV document of %2 rows"_s.arg(position).arg(rows));
        out += document.records.at(position + 1).raw;
    }
    return out;
}

} // namespace Kura::Models
