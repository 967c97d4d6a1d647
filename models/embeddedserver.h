#pragma once

#include <QObject>
#include <QString>
#include <QUrl>

class QThread;

namespace Kura::Models {

class EmbeddedServerWorker;

// The console's embedded kura-server (SPEC §1, ARCHITECTURE "Server, API and console"): the
// same ServerHost as kura-server, started on its own thread ("kura-embedded-server") with a
// local data folder, the API on 127.0.0.1 at a free port and the agent listener on loopback.
// On the first start of an empty folder it creates the tenant "local" with the administrator
// "admin" (a random password nobody needs); every start makes a fresh API key for the console,
// which is revoked when the server stops. The console then talks to it through the API like
// to any other server.
//
// start() returns at once; started() or failed() follow. Destroying the object stops the
// server: its thread quits and is waited for (the only wait, at shutdown).
class EmbeddedServer : public QObject
{
    Q_OBJECT

public:
    explicit EmbeddedServer(QObject *parent = nullptr);
    ~EmbeddedServer() override;

    // `dataFolder`: where the catalog, TLS files and repositories live.
    void start(const QString &dataFolder);
    bool isRunning() const { return m_running; }
    QUrl url() const { return m_url; }

    // The default data folder: "<AppLocalDataLocation>/server".
    static QString defaultDataFolder();

signals:
    // The API answers at `url`; `token` is the console's API key for the tenant "local".
    void started(const QUrl &url, const QString &token);
    // The server could not start; `reason` is the engine's message (English).
    void failed(const QString &reason);

private:
    QThread *m_thread = nullptr;
    EmbeddedServerWorker *m_worker = nullptr;
    QUrl m_url;
    bool m_running = false;
};

} // namespace Kura::Models
