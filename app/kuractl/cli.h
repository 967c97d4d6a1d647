#pragma once

#include "session.h"

#include <QCommandLineOption>
#include <QList>
#include <QObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>
#include <optional>

namespace Kuractl {

// One kuractl command: its name, what it takes, and how it runs.
struct Command {
    QString name;
    QString arguments; // synopsis of the positional arguments, e.g. "SERVER"
    QString summary; // one line for the command list
    QList<QCommandLineOption> options;
    qsizetype minArguments = 0;
    qsizetype maxArguments = 0;
    void (*run)(Session &session) = nullptr;
};

QList<Command> readCommands(); // commands_read.cpp: servers, server, jobs, job, ...
QList<Command> changeCommands(); // commands_change.cpp: backup, stop, protect, ...
QList<Command> enrollCommands(); // commands_enroll.cpp: enroll-token, enroll-tokens, ...
QList<Command> restoreCommands(); // commands_restore.cpp: restore, restore-targets, browse
QList<Command> adminCommands(); // commands_admin.cpp: delete-server, region-state, api-keys, ...

// kuractl [global options] COMMAND [arguments] [command options]. Global options (the server,
// the token) come before the command, because a command may have an option of the same name
// (jobs --server ID).
class Cli : public QObject {
    Q_OBJECT

public:
    Cli();
    ~Cli() override;

    // Starts the command of `arguments` (argv, program name first). Returns the exit code
    // when it is already decided (help, usage errors), nullopt when finished() will tell.
    std::optional<int> start(const QStringList &arguments, const QProcessEnvironment &environment);

signals:
    void finished(int code);

private:
    std::optional<int> configureClient(const QProcessEnvironment &environment, bool needsToken);
    std::optional<int> parseCommand(const Command &command, const QStringList &arguments);

    QCommandLineParser m_global;
    QCommandLineParser m_commandOptions;
    std::unique_ptr<Client::ApiClient> m_client;
    std::unique_ptr<Session> m_session;
};

// The usage text of kuractl as a whole (commands, exit codes).
QString globalHelp(const QCommandLineParser &global);

} // namespace Kuractl
