#pragma once

#include <core/error.h>

#include <QByteArray>
#include <QHostAddress>
#include <QString>
#include <QStringList>

namespace Kura::Server {

// kura-server's settings (docs/cli.md, "kura-server"): a JSON file, every key optional.
struct ServerConfig
{
    QString dataFolder;                          // catalog, keys, TLS files, repositories
    QHostAddress apiAddress = QHostAddress::LocalHost;
    quint16 apiPort = 8640;                      // 0: any free port
    QHostAddress agentAddress = QHostAddress::Any;
    quint16 agentPort = 8641;                    // 0: any free port
    QString advertisedAgentAddress;              // host:port written into agent packages
    QString drAgentAddress;                      // host:port of the DR server, or empty
    QStringList tlsHostNames;                    // names in the certificate (default: host name, localhost, 127.0.0.1)
    int tickIntervalMs = 5000;                   // how often the scheduler looks at the clock
    QString regionMatrixFile;                    // empty: the built-in matrix (SPEC §7)
    QString priceTableFile;                      // empty: no charge estimates (SPEC §10)

    // Reads the JSON file; InvalidArgument naming the key for a bad value.
    static Result<ServerConfig> load(const QString &path);
    // The same from the file's bytes; `path` only names the file in errors.
    static Result<ServerConfig> parse(const QByteArray &text, const QString &path);
    static constexpr qsizetype MaxSize = 1024 * 1024;
};

} // namespace Kura::Server
