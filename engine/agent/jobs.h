#pragma once

#include "streamchannel.h"

#include <core/progress.h>
#include <protocol/messages.h>
#include <store/fs/filesystem.h>

#include <QObject>
#include <QTimer>

#include <functional>
#include <thread>

namespace Kura::Agent {

// Where the agent keeps things and how it works.
struct AgentSettings
{
    QString stateFolder;           // agent.json and cache/
    QString flavor;                // reported in the host facts
    int workers = 0;               // backup/restore threads; 0: one per core for backups, twice the cores for restores (they wait for chunks)
    int compressionLevel = 3;      // zstd level of the chunks it sends
};

// One backup or restore running on the agent: its request stream's channel, the worker
// thread that does the work, progress sent to the server every second, events, and the
// closing job_finished. Lives in the connection's thread; deletes itself when done.
class AgentJob : public QObject
{
    Q_OBJECT

public:
    // The context the worker body runs with.
    struct Context
    {
        AgentJob &job;
        StreamChannel &channel;
        Progress &progress;
        const std::atomic<bool> *cancel;
        // Thread-safe: queues a job_event for the server.
        void event(Protocol::JobEvent::Level level, const QString &text) const;
    };
    using Body = std::function<Protocol::JobFinished(Context &context)>;

    AgentJob(Protocol::Connection *connection, quint32 streamId, qint64 bandwidthLimit, Body body,
             QObject *parent = nullptr);
    ~AgentJob() override;

    StreamChannel &channel() { return *m_channel; }
    void start();
    // The server cancelled the stream: the body sees the cancel flag and stops.
    void cancel(const QString &reason);
    // The connection is gone: abort at once; nothing more is sent.
    void abandon(const Error &reason);

signals:
    void finished(quint32 streamId);

private:
    void sendProgress();
    void complete(const Protocol::JobFinished &result);

    QPointer<Protocol::Connection> m_connection;
    quint32 m_streamId;
    StreamChannel *m_channel;
    Body m_body;
    Progress m_progress;
    QTimer m_progressTimer;
    std::thread m_worker;
    bool m_done = false;
};

// The bodies of the agent's jobs.
AgentJob::Body backupBody(const Protocol::JobStart &start, const AgentSettings &settings, Fs::FileSystem &fs);
AgentJob::Body restoreBody(const Protocol::RestoreStart &start, const AgentSettings &settings, Fs::FileSystem &fs);
// Lists a folder for the console's path picker (at most request.maxEntries entries).
Result<Protocol::BrowseReply> browse(const Protocol::BrowseRequest &request, Fs::FileSystem &fs);

} // namespace Kura::Agent
