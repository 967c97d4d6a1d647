#include "commands.h"

#include <QDeadlineTimer>
#include <QProcess>

using namespace Qt::StringLiterals;

namespace Kura::Agent {

QString CommandOutcome::describe(const QString &which) const
{
    QString head;
    if (!started)
        head = u"%1 could not be started"_s.arg(which);
    else if (timedOut)
        head = u"%1 timed out and was killed"_s.arg(which);
    else if (stopped)
        head = u"%1 was stopped"_s.arg(which);
    else
        head = u"%1 exited with %2"_s.arg(which).arg(exitCode);
    const QString text = output.trimmed();
    return text.isEmpty() ? head : head + u": "_s + text;
}

CommandOutcome runCommand(const QString &command, int timeoutSeconds, const std::atomic<bool> *cancel)
{
    CommandOutcome outcome;
    QProcess process;
    process.setProcessChannelMode(QProcess::MergedChannels);
    process.setProgram(u"/bin/sh"_s);
    process.setArguments({ u"-c"_s, command });
    process.start();
    if (!process.waitForStarted(10000)) {
        outcome.output = process.errorString();
        return outcome;
    }
    outcome.started = true;
    QByteArray output;
    QDeadlineTimer deadline { std::chrono::seconds(timeoutSeconds) };
    while (process.state() != QProcess::NotRunning) {
        process.waitForFinished(200);
        output += process.readAll();
        if (output.size() > MaxCommandOutputBytes)
            output = output.right(MaxCommandOutputBytes);
        if (process.state() == QProcess::NotRunning)
            break;
        if (deadline.hasExpired() || (cancel && cancel->load())) {
            (deadline.hasExpired() ? outcome.timedOut : outcome.stopped) = true;
            process.kill();
            process.waitForFinished(5000);
            break;
        }
    }
    output += process.readAll();
    outcome.output = QString::fromUtf8(output.right(MaxCommandOutputBytes));
    outcome.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    return outcome;
}

} // namespace Kura::Agent
