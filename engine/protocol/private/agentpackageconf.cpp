#include "agentpackageconf.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>

#include <cmath>
#include <optional>

using namespace Qt::StringLiterals;

namespace Kura::Protocol::Detail {
namespace {

// A problem with one field's value, without the field's name ("is empty"); none when valid.
using Problem = std::optional<QString>;

constexpr qsizetype CertificateSha256Bytes = 32;
constexpr qsizetype MaxHostChars = 253; // a DNS name's limit; an IPv6 address is shorter
constexpr qint64 MaxTimeMs = 253402300799999; // 9999-12-31T23:59:59.999Z

const QString FormatKey = u"format"_s;
const QString PrimaryKey = u"primaryAddress"_s;
const QString DrKey = u"drAddress"_s;
const QString FingerprintKey = u"certificateSha256"_s;
const QString TokenKey = u"token"_s;
const QString RegionKey = u"region"_s;
const QString ExpiresKey = u"expiresAt"_s;

QString isoUtc(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

bool isHexGroup(QStringView group)
{
    static const QRegularExpression hex(u"^[0-9A-Fa-f]{1,4}$"_s);
    return hex.match(group.toString()).hasMatch();
}

bool isIpv4(QStringView text)
{
    const auto parts = text.split(u'.');
    if (parts.size() != 4)
        return false;
    for (QStringView part : parts) {
        bool ok = false;
        const int value = part.toInt(&ok);
        if (!ok || part.isEmpty() || part.size() > 3 || value > 255 || !part.front().isDigit())
            return false;
    }
    return true;
}

// The groups of one side of "::" (an empty side has none); -1 when one is malformed. The
// last group of the right side may be an embedded IPv4 address, which counts as two groups.
int ipv6Groups(QStringView side, bool mayEndInIpv4)
{
    if (side.isEmpty())
        return 0;
    const auto groups = side.split(u':');
    int count = 0;
    for (qsizetype i = 0; i < groups.size(); ++i) {
        const bool last = i + 1 == groups.size();
        if (last && mayEndInIpv4 && groups[i].contains(u'.')) {
            if (!isIpv4(groups[i]))
                return -1;
            count += 2;
        } else if (isHexGroup(groups[i])) {
            ++count;
        } else {
            return -1;
        }
    }
    return count;
}

bool isIpv6(QStringView text)
{
    const qsizetype gap = text.indexOf(u"::");
    if (gap < 0)
        return ipv6Groups(text, true) == 8;
    if (text.indexOf(u"::", gap + 1) >= 0)
        return false;
    const int left = ipv6Groups(text.left(gap), false);
    const int right = ipv6Groups(text.mid(gap + 2), true);
    return left >= 0 && right >= 0 && left + right <= 7;
}

bool isHostName(const QString &host)
{
    static const QRegularExpression name(
        u"^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$"_s);
    static const QRegularExpression numeric(u"^[0-9.]+$"_s);
    if (host.size() > MaxHostChars || !name.match(host).hasMatch())
        return false;
    // All digits and dots: it must then be an IPv4 address, not a name.
    return !numeric.match(host).hasMatch() || isIpv4(host);
}

Problem portProblem(const QString &text, const QString &port)
{
    static const QRegularExpression digits(u"^[0-9]{1,5}$"_s);
    const int value = port.toInt();
    if (!digits.match(port).hasMatch() || value < 1 || value > 65535)
        return u"\"%1\": port \"%2\" is not in 1..65535"_s.arg(text, port);
    return std::nullopt;
}

Problem addressProblem(const QString &text)
{
    if (text.isEmpty())
        return u"is empty (expected host:port)"_s;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u"]:"_s);
        if (close < 0)
            return u"\"%1\" is not [IPv6 address]:port"_s.arg(text);
        if (!isIpv6(QStringView(text).mid(1, close - 1)))
            return u"\"%1\": \"%2\" is not an IPv6 address"_s.arg(text, text.mid(1, close - 1));
        return portProblem(text, text.mid(close + 2));
    }
    const qsizetype colon = text.lastIndexOf(u':');
    if (colon < 0)
        return u"\"%1\" has no port (expected host:port)"_s.arg(text);
    const QString host = text.left(colon);
    if (host.contains(u':'))
        return u"\"%1\": an IPv6 address must be in brackets, as in [2001:db8::1]:8641"_s.arg(text);
    if (!isHostName(host))
        return u"\"%1\": \"%2\" is not a host name or IPv4 address"_s.arg(text, host);
    return portProblem(text, text.mid(colon + 1));
}

Problem tokenProblem(const QString &token)
{
    if (token.isEmpty())
        return u"is empty"_s;
    if (token.size() > MaxEnrollmentTokenChars)
        return u"has %1 characters, more than %2"_s.arg(token.size()).arg(MaxEnrollmentTokenChars);
    for (QChar c : token)
        if (c.unicode() < 0x21 || c.unicode() > 0x7e)
            return u"contains a character other than printable ASCII (U+%1)"_s.arg(
                uint(c.unicode()), 4, 16, QChar(u'0'));
    return std::nullopt;
}

Problem regionProblem(const QString &region)
{
    static const QRegularExpression name(u"^[A-Za-z0-9_-]{1,32}$"_s);
    if (!name.match(region).hasMatch())
        return u"\"%1\" is not a region name (1 to 32 letters, digits, '-' or '_')"_s.arg(region);
    return std::nullopt;
}

Problem expiryProblem(qint64 ms)
{
    if (ms <= 0 || ms > MaxTimeMs)
        return u"%1 ms is not a time between 1970 and 9999"_s.arg(ms);
    return std::nullopt;
}

// The problem of every field but the fingerprint, whose form differs between the struct
// (bytes) and the file (hex text); the first one found, with the field's name.
std::optional<QPair<QString, QString>> firstProblem(const AgentPackage &package)
{
    const QList<QPair<QString, Problem>> checks {
        { PrimaryKey, addressProblem(package.primaryAddress) },
        { DrKey, package.drAddress.isEmpty() ? Problem() : addressProblem(package.drAddress) },
        { TokenKey, tokenProblem(package.token) },
        { RegionKey, regionProblem(package.region) },
        { ExpiresKey, expiryProblem(package.expiresAtMs) },
    };
    for (const auto &[field, problem] : checks)
        if (problem)
            return qMakePair(field, *problem);
    return std::nullopt;
}

Error confError(const QString &message)
{
    return Error(ErrorCode::Corrupt, u"agent package: kura-agent.conf: "_s + message);
}

Error fieldError(const QString &field, const QString &problem)
{
    return confError(u"field \"%1\" %2"_s.arg(field, problem));
}

// Reads the string fields; missing ones are errors except drAddress.
Result<QString> stringField(const QJsonObject &object, const QString &key, bool required)
{
    const QJsonValue value = object.value(key);
    if (value.isUndefined()) {
        if (required)
            return fail(confError(u"has no field \"%1\""_s.arg(key)));
        return QString();
    }
    if (!value.isString())
        return fail(fieldError(key, u"is not a string"_s));
    return value.toString();
}

Status checkFormat(const QJsonObject &object)
{
    const QJsonValue value = object.value(FormatKey);
    if (value.isUndefined())
        return fail(confError(u"has no field \"format\""_s));
    const double number = value.toDouble(-1);
    if (!value.isDouble() || !(number >= 1) || std::floor(number) != number)
        return fail(fieldError(FormatKey, u"is not a positive integer"_s));
    if (number > AgentPackageFormat)
        return fail(ErrorCode::Unsupported,
            u"agent package: kura-agent.conf has format %1; this build reads format %2"_s
                .arg(QString::number(number, 'g', 17))
                .arg(AgentPackageFormat));
    return {};
}

Status checkKeys(const QJsonObject &object)
{
    static const QSet<QString> known { FormatKey, PrimaryKey, DrKey, FingerprintKey, TokenKey,
        RegionKey, ExpiresKey };
    for (auto it = object.begin(); it != object.end(); ++it)
        if (!known.contains(it.key()))
            return fail(confError(u"unknown field \"%1\""_s.arg(it.key())));
    return {};
}

Result<QByteArray> parseFingerprint(const QString &text)
{
    static const QRegularExpression hex(u"^[0-9A-Fa-f]{64}$"_s);
    if (!hex.match(text).hasMatch())
        return fail(fieldError(FingerprintKey, u"is not 64 hexadecimal digits"_s));
    return QByteArray::fromHex(text.toLatin1());
}

Result<qint64> parseExpiry(const QString &text)
{
    const QDateTime time = QDateTime::fromString(text, Qt::ISODateWithMs);
    if (!time.isValid() || isoUtc(time.toMSecsSinceEpoch()) != text)
        return fail(fieldError(
            ExpiresKey, u"\"%1\" is not a UTC time like 2026-01-02T00:00:00.000Z"_s.arg(text)));
    return time.toMSecsSinceEpoch();
}

Result<QJsonObject> parseObject(const QByteArray &json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(json, &error);
    if (error.error != QJsonParseError::NoError)
        return fail(
            confError(u"not JSON: %1 at offset %2"_s.arg(error.errorString()).arg(error.offset)));
    if (!document.isObject())
        return fail(confError(u"not a JSON object"_s));
    return document.object();
}

} // namespace

Status validateAgentConf(const AgentPackage &package)
{
    if (package.certificateSha256.size() != CertificateSha256Bytes)
        return fail(ErrorCode::InvalidArgument,
            u"agent package: field \"%1\" has %2 bytes, expected %3"_s.arg(FingerprintKey)
                .arg(package.certificateSha256.size())
                .arg(CertificateSha256Bytes));
    if (const auto problem = firstProblem(package))
        return fail(ErrorCode::InvalidArgument,
            u"agent package: field \"%1\" %2"_s.arg(problem->first, problem->second));
    return {};
}

QByteArray agentConfToJson(const AgentPackage &package)
{
    QJsonObject object { { FormatKey, AgentPackageFormat }, { PrimaryKey, package.primaryAddress },
        { FingerprintKey, fingerprintHex(package.certificateSha256) }, { TokenKey, package.token },
        { RegionKey, package.region }, { ExpiresKey, isoUtc(package.expiresAtMs) } };
    if (!package.drAddress.isEmpty())
        object.insert(DrKey, package.drAddress);
    return QJsonDocument(object).toJson(QJsonDocument::Indented);
}

Result<AgentPackage> agentConfFromJson(const QByteArray &json)
{
    auto object = parseObject(json);
    if (!object)
        return fail(object.error());
    KURA_TRY(checkFormat(*object));
    KURA_TRY(checkKeys(*object));
    auto primary = stringField(*object, PrimaryKey, true);
    auto dr = stringField(*object, DrKey, false);
    auto fingerprint = stringField(*object, FingerprintKey, true);
    auto token = stringField(*object, TokenKey, true);
    auto region = stringField(*object, RegionKey, true);
    auto expires = stringField(*object, ExpiresKey, true);
    for (const auto *field : { &primary, &dr, &fingerprint, &token, &region, &expires })
        if (!*field)
            return fail(field->error());
    if (object->contains(DrKey) && dr->isEmpty())
        return fail(fieldError(DrKey, u"is empty; leave it out when there is no DR server"_s));
    auto sha256 = parseFingerprint(*fingerprint);
    if (!sha256)
        return fail(sha256.error());
    auto expiresMs = parseExpiry(*expires);
    if (!expiresMs)
        return fail(expiresMs.error());
    const AgentPackage package { *primary, *dr, *sha256, *token, *region, *expiresMs };
    if (const auto problem = firstProblem(package))
        return fail(fieldError(problem->first, problem->second));
    return package;
}

} // namespace Kura::Protocol::Detail
