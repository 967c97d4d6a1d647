#include "serverconfig.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Kura::Server {
namespace {

Result<QHostAddress> addressOf(const QJsonObject &o, const char *key, const QHostAddress &fallback)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    if (v.isUndefined())
        return fallback;
    QHostAddress address;
    if (!v.isString() || !address.setAddress(v.toString()))
        return fail(ErrorCode::InvalidArgument, u"config: \"%1\" is not an IP address"_s.arg(QLatin1StringView(key)));
    return address;
}

Result<quint16> portOf(const QJsonObject &o, const char *key, quint16 fallback)
{
    const QJsonValue v = o.value(QLatin1StringView(key));
    if (v.isUndefined())
        return fallback;
    const int port = v.toInt(-1);
    if (!v.isDouble() || port < 0 || port > 65535)
        return fail(ErrorCode::InvalidArgument, u"config: \"%1\" is not a port number 0..65535"_s.arg(QLatin1StringView(key)));
    return quint16(port);
}

} // namespace

Result<ServerConfig> ServerConfig::load(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::NotFound, u"cannot read the config file \"%1\": %2"_s.arg(path, file.errorString()));
    const QByteArray text = file.read(MaxSize + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io, u"cannot read the config file \"%1\": %2"_s.arg(path, file.errorString()));
    return parse(text, path);
}

Result<ServerConfig> ServerConfig::parse(const QByteArray &text, const QString &path)
{
    if (text.size() > MaxSize)
        return fail(ErrorCode::InvalidArgument, u"the config file \"%1\" is larger than %2 bytes"_s.arg(path).arg(MaxSize));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
    if (!doc.isObject())
        return fail(ErrorCode::InvalidArgument, u"the config file \"%1\" is not a JSON object: %2"_s.arg(path, error.errorString()));
    const QJsonObject o = doc.object();
    static const QStringList known { u"dataFolder"_s, u"apiAddress"_s, u"apiPort"_s, u"agentAddress"_s, u"agentPort"_s,
                                     u"advertisedAgentAddress"_s, u"drAgentAddress"_s, u"tlsHostNames"_s,
                                     u"tickIntervalMs"_s, u"regionMatrixFile"_s, u"priceTableFile"_s };
    for (const QString &key : o.keys())
        if (!known.contains(key))
            return fail(ErrorCode::InvalidArgument, u"config \"%1\": unknown key \"%2\"; known keys: %3"_s.arg(path, key, known.join(u", "_s)));
    auto wrongType = [&](const char *key, const char *type) {
        return Error(ErrorCode::InvalidArgument, u"config \"%1\": \"%2\" must be %3"_s.arg(path, QLatin1StringView(key), QLatin1StringView(type)));
    };
    for (const char *key : { "dataFolder", "advertisedAgentAddress", "drAgentAddress", "regionMatrixFile", "priceTableFile" })
        if (o.contains(QLatin1StringView(key)) && !o.value(QLatin1StringView(key)).isString())
            return fail(wrongType(key, "a string"));
    if (o.contains("tickIntervalMs"_L1) && !o.value("tickIntervalMs"_L1).isDouble())
        return fail(wrongType("tickIntervalMs", "a number"));
    if (o.contains("tlsHostNames"_L1)) {
        if (!o.value("tlsHostNames"_L1).isArray())
            return fail(wrongType("tlsHostNames", "an array of strings"));
        for (const QJsonValue &v : o.value("tlsHostNames"_L1).toArray())
            if (!v.isString() || v.toString().isEmpty())
                return fail(wrongType("tlsHostNames", "an array of non-empty strings"));
    }
    ServerConfig c;
    c.dataFolder = o.value("dataFolder"_L1).toString();
    KURA_READ(c.apiAddress, addressOf(o, "apiAddress", c.apiAddress));
    KURA_READ(c.apiPort, portOf(o, "apiPort", c.apiPort));
    KURA_READ(c.agentAddress, addressOf(o, "agentAddress", c.agentAddress));
    KURA_READ(c.agentPort, portOf(o, "agentPort", c.agentPort));
    c.advertisedAgentAddress = o.value("advertisedAgentAddress"_L1).toString();
    for (const QString &address : { c.advertisedAgentAddress, o.value("drAgentAddress"_L1).toString() }) {
        const qsizetype colon = address.lastIndexOf(u':');
        bool ok = false;
        const uint port = colon > 0 ? address.mid(colon + 1).toUInt(&ok) : 0;
        if (!address.isEmpty() && (!ok || port == 0 || port > 65535))
            return fail(ErrorCode::InvalidArgument, u"config \"%1\": \"%2\" is not host:port"_s.arg(path, address));
    }
    c.drAgentAddress = o.value("drAgentAddress"_L1).toString();
    for (const QJsonValue &v : o.value("tlsHostNames"_L1).toArray())
        c.tlsHostNames << v.toString();
    // toInt() gives its default for fractions and values out of range, so "150.5" or 1e12 are
    // refused here rather than silently becoming the default interval.
    c.tickIntervalMs = o.value("tickIntervalMs"_L1).toInt(o.contains("tickIntervalMs"_L1) ? -1 : c.tickIntervalMs);
    if (c.tickIntervalMs < 100)
        return fail(ErrorCode::InvalidArgument, u"config \"%1\": \"tickIntervalMs\" must be a whole number from 100 to 2147483647"_s.arg(path));
    c.regionMatrixFile = o.value("regionMatrixFile"_L1).toString();
    c.priceTableFile = o.value("priceTableFile"_L1).toString();
    return c;
}

} // namespace Kura::Server
