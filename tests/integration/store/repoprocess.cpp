#include "repoprocess.h"

#include <testsupport.h>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace Kura::Test {

QString CommandResult::describe() const
{
    return QStringLiteral("exit %1%2%3%4 after %5 ms; stdout: %6; stderr: %7")
        .arg(exitCode)
        .arg(crashed ? u" (crashed or killed)"_s : QString(),
            timedOut ? u" (timed out)"_s : QString(),
            processError.isEmpty() ? QString() : u" ("_s + processError + u')')
        .arg(elapsedMs)
        .arg(QString::fromUtf8(out.left(2000)).trimmed(),
            QString::fromUtf8(err.left(4000)).trimmed());
}

RepoCli::RepoCli(QString repository, QByteArray passphrase)
    : m_repository(std::move(repository))
    , m_passphrase(std::move(passphrase))
{
}

QString RepoCli::binary()
{
    return QStringLiteral(KURA_REPO_BINARY);
}

QProcess *RepoCli::prepare(const QStringList &arguments, const QByteArray &passphrase) const
{
    auto *process = new QProcess;
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    environment.remove(u"KURA_REPOSITORY"_s);
    environment.insert(u"KURA_PASSWORD"_s, QString::fromUtf8(passphrase));
    process->setProcessEnvironment(environment);
    process->setProgram(binary());
    process->setArguments(QStringList { u"-r"_s, m_repository } + arguments);
    return process;
}

CommandResult RepoCli::run(const QStringList &arguments, int timeoutMs) const
{
    std::unique_ptr<QProcess> process(prepare(arguments, m_passphrase));
    process->start();
    return finish(*process, timeoutMs);
}

CommandResult RepoCli::runWithPassphrase(
    const QByteArray &passphrase, const QStringList &arguments) const
{
    std::unique_ptr<QProcess> process(prepare(arguments, passphrase));
    process->start();
    return finish(*process, 120000);
}

std::unique_ptr<QProcess> RepoCli::start(const QStringList &arguments) const
{
    std::unique_ptr<QProcess> process(prepare(arguments, m_passphrase));
    process->start();
    process->waitForStarted(10000);
    return process;
}

CommandResult RepoCli::finish(QProcess &process, int timeoutMs)
{
    CommandResult result;
    QElapsedTimer timer;
    timer.start();
    if (process.state() != QProcess::NotRunning && !process.waitForFinished(timeoutMs)) {
        result.timedOut = true;
        kill(process);
    }
    result.elapsedMs = timer.elapsed();
    result.crashed
        = process.exitStatus() == QProcess::CrashExit || process.error() == QProcess::FailedToStart;
    result.exitCode = process.exitCode();
    result.out = process.readAllStandardOutput();
    result.err = process.readAllStandardError();
    if (process.error() != QProcess::UnknownError)
        result.processError = process.errorString();
    return result;
}

void RepoCli::kill(QProcess &process)
{
    if (process.state() == QProcess::NotRunning)
        return;
    process.kill(); // SIGKILL on Unix: no handler runs, nothing is cleaned up
    process.waitForFinished(30000);
}

CommandResult RepoCli::init() const
{
    return run({ u"init"_s, u"--kdf-cost"_s, u"10"_s });
}

QJsonArray RepoCli::snapshots() const
{
    const CommandResult result = run({ u"snapshots"_s, u"--json"_s });
    if (!result.ok())
        return {};
    return QJsonDocument::fromJson(result.out).array();
}

QStringList RepoCli::snapshotIds() const
{
    QStringList ids;
    const QJsonArray array = snapshots();
    for (const QJsonValue &value : array)
        ids << value.toObject().value(u"id"_s).toString();
    return ids;
}

QStringList RepoCli::lockNames() const
{
    // Without QDir::Hidden: ".tmp-*" files are objects still being written, not locks yet.
    return QDir(m_repository + u"/locks"_s).entryList(QDir::Files);
}

QStringList RepoCli::objectPaths(const QString &folder) const
{
    QStringList paths;
    QDirIterator it(m_repository + u'/' + folder, QDir::Files, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << it.next();
    paths.sort();
    return paths;
}

QStringList RepoCli::packPaths() const
{
    return objectPaths(u"data"_s);
}

Manifest manifestOf(const QString &root)
{
    Manifest manifest;
    const QDir base(root);
    QDirIterator it(root, QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden | QDir::System,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        const QFileInfo info = it.fileInfo();
        const QString relative = base.relativeFilePath(path);
        if (info.isDir() && !info.isSymLink()) {
            manifest.insert(relative, "dir");
            continue;
        }
        QFile file(path);
        QCryptographicHash hash(QCryptographicHash::Sha256);
        if (!file.open(QIODevice::ReadOnly) || !hash.addData(&file)) {
            manifest.insert(relative, "unreadable");
            continue;
        }
        manifest.insert(relative, hash.result().toHex());
    }
    return manifest;
}

QString restoredPath(const QString &target, const QString &source)
{
    return QDir::cleanPath(target + u'/' + QDir(source).absolutePath());
}

QStringList compareTree(const QString &root, const Manifest &expected, const QStringList &ignore)
{
    Manifest actual = manifestOf(root);
    Manifest wanted = expected;
    for (const QString &path : ignore) {
        actual.remove(path);
        wanted.remove(path);
    }
    QStringList differences;
    for (auto it = wanted.cbegin(); it != wanted.cend(); ++it) {
        const auto found = actual.constFind(it.key());
        if (found == actual.cend())
            differences << u"missing: "_s + it.key();
        else if (found.value() != it.value())
            differences << u"differs: "_s + it.key();
    }
    for (auto it = actual.cbegin(); it != actual.cend(); ++it) {
        if (!wanted.contains(it.key()))
            differences << u"unexpected: "_s + it.key();
    }
    return differences;
}

TreeGenerator::TreeGenerator(QString root, quint64 seed)
    : m_root(std::move(root))
    , m_random(quint32(seed ^ (seed >> 32)))
{
}

QByteArray TreeGenerator::content(qsizetype size, bool compressible)
{
    if (!compressible)
        return randomBytes(size, m_random.generate64());
    static const char *const words[]
        = { "backup ", "restore ", "snapshot ", "chunk ", "pack ", "index ", "tree ", "blob ", "\n",
              "kura ", "server ", "agent ", "0123456789 ", "repository " };
    QByteArray text;
    text.reserve(size + 16);
    while (text.size() < size)
        text += words[m_random.bounded(int(std::size(words)))];
    text.truncate(size);
    return text;
}

QString TreeGenerator::smallFileName(int index) const
{
    return QStringLiteral("%1/dir%2/sub%3/file%4.dat")
        .arg(m_root)
        .arg(index % 12, 2, 10, QChar(u'0'))
        .arg(index % 5)
        .arg(index, 4, 10, QChar(u'0'));
}

bool TreeGenerator::create(double scale)
{
    const int smallFiles = int(300 * scale);
    bool ok = true;
    for (m_nextFile = 0; m_nextFile < smallFiles && ok; ++m_nextFile) {
        const int kind = m_random.bounded(10);
        const qsizetype size = kind < 5 ? m_random.bounded(1, 8192)
            : kind < 8                  ? m_random.bounded(8192, 65536)
                                        : m_random.bounded(65536, 131072);
        ok = writeFile(smallFileName(m_nextFile), content(size, kind != 6 && kind != 7));
    }
    for (int i = 0; i < 3 && ok; ++i)
        ok = writeFile(QStringLiteral("%1/medium/m%2.bin").arg(m_root).arg(i),
            content(qsizetype(3e6 * scale), false));
    ok = ok
        && writeFile(
            m_root + u"/large/image.raw"_s, content(qsizetype(9.5 * 1048576 * scale), false));
    ok = ok
        && writeFile(
            m_root + u"/large/video.bin"_s, content(qsizetype(12.0 * 1048576 * scale), false));
    ok = ok && writeFile(m_root + u"/empty-file"_s, {});
    ok = ok && QDir().mkpath(m_root + u"/empty-dir"_s);
    return ok;
}

bool TreeGenerator::mutate()
{
    ++m_round;
    QStringList small = files().filter(QRegularExpression(u"^dir"_s));
    bool ok = true;
    for (int i = 0; i < 8 && ok && !small.isEmpty(); ++i) {
        const QString path = m_root + u'/' + small.at(m_random.bounded(int(small.size())));
        ok = writeFile(path, content(m_random.bounded(100, 50000), m_random.bounded(2) == 0));
    }
    for (int i = 0; i < 3 && ok; ++i, ++m_nextFile)
        ok = writeFile(smallFileName(m_nextFile), content(m_random.bounded(100, 40000), true));
    for (int i = 0; i < 2 && ok && small.size() > 10; ++i)
        ok = QFile::remove(m_root + u'/' + small.takeAt(m_random.bounded(int(small.size()))));
    if (ok)
        ok = writeFile(QStringLiteral("%1/medium/m%2.bin").arg(m_root).arg(m_round % 3),
            content(3000000, false));
    QFile large(m_root + (m_round % 2 ? u"/large/image.raw"_s : u"/large/video.bin"_s));
    if (ok && large.open(QIODevice::ReadWrite)) {
        const qint64 offset = m_random.bounded(large.size() / 2) + large.size() / 4;
        ok = large.seek(offset) && large.write(content(512 * 1024, false)) == 512 * 1024;
    }
    return ok;
}

QStringList TreeGenerator::files() const
{
    QStringList paths;
    const QDir base(m_root);
    QDirIterator it(m_root, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext())
        paths << base.relativeFilePath(it.next());
    paths.sort();
    return paths;
}

} // namespace Kura::Test
