#pragma once

#include <store/lock.h>
#include <store/repository.h>

#include <QCommandLineParser>
#include <QJsonValue>

#include <atomic>

// Exit codes of kura-repo (docs/kura-repo.md).
enum ExitCode {
    ExitOk = 0,
    ExitError = 1,          // the command failed
    ExitUsage = 2,          // wrong arguments
    ExitWarnings = 3,       // done, but some files were skipped, changed while read or not restored
    ExitDamaged = 4,        // check found damage
    ExitWrongPassword = 5,
    ExitLocked = 6,
    ExitInterrupted = 130,
};

// What every command gets: parsed options, positional arguments after the command name,
// and the flag that SIGINT/SIGTERM set.
struct CommandContext
{
    const QCommandLineParser &parser;
    QStringList arguments;
    const std::atomic<bool> &interrupted;
    bool json = false;
    bool quiet = false;
};

void addCommandOptions(QCommandLineParser &parser);
int runCommand(const QString &command, CommandContext &context);

// Shared by the command implementations.
void out(const QString &text); // a line on standard output
void err(const QString &text); // a line on standard error
QString repositoryPath(const QCommandLineParser &parser);
// The repository lock, waiting up to 30 s; on failure reports it and sets *exitCode.
std::unique_ptr<Kura::Store::RepositoryLock> takeLock(Kura::Store::ObjectStore &store, bool exclusive,
                                                      const QString &command, int *exitCode);
std::unique_ptr<Kura::Store::Repository> openRepository(CommandContext &context, int *exitCode);
int reportError(const Kura::Error &error);
QByteArray readPassphrase(const QCommandLineParser &parser, const char *environment, int *exitCode);
void printJson(const QJsonValue &value);
int runAdminCommand(const QString &command, CommandContext &context, bool *handled);
