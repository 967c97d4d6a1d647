#pragma once

// kuractl run by the tests as users run it: the real binary (KURACTL_BINARY) in a process of its
// own, with a clean environment.
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QTest>

namespace Kura::Test {

struct Run {
    int exitCode = -1; // -1: it crashed or was killed after the timeout
    QByteArray out;
    QByteArray err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(exitCode)
            .arg(QString::fromUtf8(out), QString::fromUtf8(err));
    }
};

// kuractl started with no KURA_* variables but those of `extra`, `input` on its standard input.
class Kuractl {
public:
    explicit Kuractl(const QStringList &arguments, const QProcessEnvironment &extra = {},
                     const QByteArray &input = {})
    {
        QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
        for (const QString &key : environment.keys())
            if (key.startsWith(QStringLiteral("KURA_")))
                environment.remove(key);
        environment.insert(extra);
        m_process.setProcessEnvironment(environment);
        m_process.start(QStringLiteral(KURACTL_BINARY), arguments);
        m_process.write(input);
        m_process.closeWriteChannel();
    }

    // Waits for the end, running the event loop meanwhile (so that an API served by the test
    // process answers).
    Run finish(int timeoutMs = 20000)
    {
        const bool ended = QTest::qWaitFor(
            [this] { return m_process.state() == QProcess::NotRunning; }, timeoutMs);
        Run run;
        if (ended && m_process.exitStatus() == QProcess::NormalExit)
            run.exitCode = m_process.exitCode();
        else
            m_process.kill();
        m_process.waitForFinished(1000);
        run.out = m_process.readAllStandardOutput();
        run.err = m_process.readAllStandardError();
        return run;
    }

private:
    QProcess m_process;
};

} // namespace Kura::Test
