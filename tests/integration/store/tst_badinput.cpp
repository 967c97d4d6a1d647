// kura-repo meets bad input at the process level: a wrong passphrase, a repository of an
// unknown format version, damaged, missing and truncated objects. Each gives a clear error
// naming the object and the documented exit code, never a crash or a silent wrong restore.
#include "repoprocess.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

using namespace Kura::Test;
using namespace Qt::StringLiterals;

class tst_BadInput : public QObject {
    Q_OBJECT

public:
    enum class PackDamage { FlippedByte, Deleted, Truncated };
    Q_ENUM(PackDamage)

private slots:
    void initTestCase();
    void wrongPassphraseExitsFive_data();
    void wrongPassphraseExitsFive();
    void unknownFormatVersionIsNamed_data();
    void unknownFormatVersionIsNamed();
    void damagedPackIsNamedWithItsFiles_data();
    void damagedPackIsNamedWithItsFiles();
    void truncatedIndexIsReportedByCheck_data();
    void truncatedIndexIsReportedByCheck();
    void truncatedIndexStopsPrune();
    void truncatedIndexRestoreReportsWhatIsMissing();
    void backupAfterTruncatedIndexRestores();
    void damagedConfigOrKeyIsNamed_data();
    void damagedConfigOrKeyIsNamed();
    void garbageSnapshotIsNamed();
    void garbageSnapshotLeavesOthersListed();

private:
    std::unique_ptr<RepoCli> copyRepository();
    static QStringList commandFor(const QString &name, const QString &target);
    static QString truncateIndex(RepoCli &cli);
    void verifyRestoreExceptReported(const QString &target, const CommandResult &restore);

    QTemporaryDir m_dir;
    std::unique_ptr<RepoCli> m_cli;
    std::unique_ptr<TreeGenerator> m_tree;
    QStringList m_snapshots; // oldest first
    Manifest m_latest;
    int m_copies = 0;
};

void tst_BadInput::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_cli = std::make_unique<RepoCli>(m_dir.path() + u"/repo"_s);
    m_tree = std::make_unique<TreeGenerator>(m_dir.path() + u"/source"_s, 33);
    QVERIFY(m_tree->create(0.3));
    const CommandResult init = m_cli->init();
    QVERIFY2(init.ok(), qPrintable(init.describe()));
    for (int i = 0; i < 2; ++i) {
        if (i > 0)
            QVERIFY(m_tree->mutate());
        const CommandResult backup = m_cli->run({ u"backup"_s, u"-q"_s, m_tree->root() });
        QVERIFY2(backup.ok(), qPrintable(backup.describe()));
    }
    m_snapshots = m_cli->snapshotIds();
    QCOMPARE(m_snapshots.size(), 2);
    m_latest = manifestOf(m_tree->root());
}

// A private copy of the prepared repository for a test to damage.
std::unique_ptr<RepoCli> tst_BadInput::copyRepository()
{
    const QString copy = m_dir.path() + QStringLiteral("/copy-%1").arg(++m_copies);
    if (QProcess::execute(u"cp"_s, { u"-a"_s, m_cli->repository(), copy }) != 0)
        return nullptr;
    return std::make_unique<RepoCli>(copy);
}

QStringList tst_BadInput::commandFor(const QString &name, const QString &target)
{
    if (name == u"backup"_s)
        return { u"backup"_s, u"-q"_s, target };
    if (name == u"restore"_s)
        return { u"restore"_s, u"-q"_s, u"latest"_s, u"--target"_s, target };
    if (name == u"check"_s)
        return { u"check"_s };
    return { u"snapshots"_s };
}

void tst_BadInput::wrongPassphraseExitsFive_data()
{
    QTest::addColumn<QString>("command");
    QTest::newRow("snapshots") << u"snapshots"_s;
    QTest::newRow("backup") << u"backup"_s;
    QTest::newRow("restore") << u"restore"_s;
    QTest::newRow("check") << u"check"_s;
}

void tst_BadInput::wrongPassphraseExitsFive()
{
    QFETCH(QString, command);
    const QString target
        = command == u"backup"_s ? m_tree->root() : m_dir.path() + u"/unused-target"_s;
    const CommandResult result
        = m_cli->runWithPassphrase("not the passphrase", commandFor(command, target));
    QCOMPARE(result.exitCode, int(RepoExitWrongPassword));
    QVERIFY2(result.err.contains("wrong passphrase"), qPrintable(result.describe()));
    QVERIFY(!QFileInfo::exists(m_dir.path() + u"/unused-target"_s));
    QCOMPARE(m_cli->snapshotIds(), m_snapshots);
}

void tst_BadInput::unknownFormatVersionIsNamed_data()
{
    wrongPassphraseExitsFive_data();
}

void tst_BadInput::unknownFormatVersionIsNamed()
{
    QFETCH(QString, command);
    auto cli = copyRepository();
    QVERIFY(cli);
    QFile config(cli->repository() + u"/config"_s);
    QVERIFY(config.open(QIODevice::ReadOnly));
    QJsonObject object = QJsonDocument::fromJson(config.readAll()).object();
    config.close();
    QCOMPARE(object.value(u"version"_s).toInt(), 1);
    object.insert(u"version"_s, 2);
    QVERIFY(config.open(QIODevice::WriteOnly | QIODevice::Truncate));
    config.write(QJsonDocument(object).toJson());
    config.close();
    const QString target
        = command == u"backup"_s ? m_tree->root() : m_dir.path() + u"/unused-target"_s;
    const CommandResult result = cli->run(commandFor(command, target));
    QCOMPARE(result.exitCode, int(RepoExitError));
    QVERIFY2(result.err.contains("version 2"), qPrintable(result.describe()));
    QCOMPARE(cli->objectPaths(u"snapshots"_s).size(), 2);
}

void tst_BadInput::damagedPackIsNamedWithItsFiles_data()
{
    QTest::addColumn<PackDamage>("damage");
    QTest::addColumn<bool>("readData");
    QTest::newRow("flipped byte in the middle, found by reading")
        << PackDamage::FlippedByte << true;
    QTest::newRow("pack deleted, found by the structural check") << PackDamage::Deleted << false;
    QTest::newRow("pack truncated, found by the structural check")
        << PackDamage::Truncated << false;
    QTest::newRow("pack truncated, found by reading") << PackDamage::Truncated << true;
}

namespace {

QString largestFile(const QStringList &paths)
{
    QString largest;
    for (const QString &path : paths) {
        if (largest.isEmpty() || QFileInfo(path).size() > QFileInfo(largest).size())
            largest = path;
    }
    return largest;
}

bool damage(const QString &path, tst_BadInput::PackDamage kind)
{
    QFile file(path);
    switch (kind) {
    case tst_BadInput::PackDamage::Deleted:
        return file.remove();
    case tst_BadInput::PackDamage::Truncated:
        return file.resize(file.size() / 2);
    case tst_BadInput::PackDamage::FlippedByte:
        break;
    }
    if (!file.open(QIODevice::ReadWrite) || !file.seek(file.size() / 2))
        return false;
    char byte = 0;
    if (!file.getChar(&byte) || !file.seek(file.size() / 2))
        return false;
    return file.putChar(char(byte ^ 0x01));
}

} // namespace

// Check names the damaged pack, the snapshots and the files in it; a full restore brings
// back every other file exactly and reports each damaged one.
void tst_BadInput::damagedPackIsNamedWithItsFiles()
{
    QFETCH(PackDamage, damage);
    QFETCH(bool, readData);
    auto cli = copyRepository();
    QVERIFY(cli);
    const QString packPath = largestFile(cli->packPaths());
    const QString pack = QFileInfo(packPath).fileName();
    QVERIFY(::damage(packPath, damage));

    QStringList checkArguments { u"check"_s, u"--json"_s };
    if (readData)
        checkArguments << u"--read-data"_s;
    const CommandResult check = cli->run(checkArguments);
    QCOMPARE(check.exitCode, int(RepoExitDamaged));
    const QJsonArray problems
        = QJsonDocument::fromJson(check.out).object().value(u"problems"_s).toArray();
    QVERIFY2(!problems.isEmpty(), qPrintable(check.describe()));
    // Which snapshot the damaged blob belongs to depends on the pack layout (workers save in
    // any order): the latest when it is affected, else the first snapshot named.
    QString snapshotToRestore;
    for (const QJsonValue &value : problems)
        for (const QJsonValue &file : value.toObject().value(u"files"_s).toArray()) {
            const QString snapshot = file.toString().section(u':', 0, 0);
            if (snapshotToRestore.isEmpty() || m_snapshots.constLast().startsWith(snapshot))
                snapshotToRestore = snapshot;
        }
    const bool latest = m_snapshots.constLast().startsWith(snapshotToRestore);
    QStringList affected; // absolute source paths of damaged files in that snapshot
    for (const QJsonValue &value : problems) {
        const QJsonObject problem = value.toObject();
        QCOMPARE(problem.value(u"pack"_s).toString(), pack);
        QVERIFY2(
            problem.value(u"message"_s).toString().contains(pack), qPrintable(check.describe()));
        for (const QJsonValue &file : problem.value(u"files"_s).toArray()) {
            const QString snapshot = file.toString().section(u':', 0, 0);
            const QString path = file.toString().section(u':', 1);
            QVERIFY2(path.startsWith(m_tree->root() + u'/'), qPrintable(path));
            if (snapshot == snapshotToRestore && !affected.contains(path))
                affected << path;
        }
    }
    QVERIFY2(!affected.isEmpty(), qPrintable(check.describe()));

    // The text report names the pack and the files as well.
    checkArguments.removeOne(u"--json"_s);
    const CommandResult text = cli->run(checkArguments);
    QCOMPARE(text.exitCode, int(RepoExitDamaged));
    QVERIFY2(text.err.contains(pack.toUtf8()), qPrintable(text.describe()));
    for (const QString &path : std::as_const(affected))
        QVERIFY2(text.err.contains(path.toUtf8()),
            qPrintable(path + u" not named: "_s + text.describe()));

    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(m_copies);
    const CommandResult restore
        = cli->run({ u"restore"_s, u"-q"_s, latest ? u"latest"_s : snapshotToRestore, u"--target"_s, target });
    QCOMPARE(restore.exitCode, int(RepoExitWarnings));
    for (const QString &path : std::as_const(affected))
        QVERIFY2(restore.err.contains(restoredPath(target, path).toUtf8()),
            qPrintable(path + u" was not reported: "_s + restore.describe()));
    if (latest) // the source tree is the latest snapshot's content
        verifyRestoreExceptReported(target, restore);
}

namespace {

// The quoted paths of restore's "error:" lines.
QStringList reportedPaths(const QByteArray &err)
{
    static const QRegularExpression quoted(u"^error: [a-z]+ \"([^\"]+)\""_s);
    QStringList paths;
    for (const QByteArray &line : err.split('\n')) {
        const auto match = quoted.match(QString::fromUtf8(line));
        if (match.hasMatch())
            paths << match.captured(1);
    }
    return paths;
}

} // namespace

// Every entry of the latest tree that restore did not report as an error (by its own path, or
// a folder above it, in the source or in the target) must be restored exactly; and most of
// the tree must be.
void tst_BadInput::verifyRestoreExceptReported(const QString &target, const CommandResult &restore)
{
    const QStringList reported = reportedPaths(restore.err);
    QVERIFY2(!reported.isEmpty(), qPrintable(restore.describe()));
    const QString restoredRoot = restoredPath(target, m_tree->root());
    QStringList ignore;
    for (auto it = m_latest.cbegin(); it != m_latest.cend(); ++it) {
        const QString source = m_tree->root() + u'/' + it.key();
        const QString restored = restoredRoot + u'/' + it.key();
        for (const QString &path : reported) {
            if (source == path || restored == path || source.startsWith(path + u'/')
                || restored.startsWith(path + u'/')) {
                ignore << it.key();
                break;
            }
        }
    }
    const QStringList differences = compareTree(restoredRoot, m_latest, ignore);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(u"; "_s)));
    QVERIFY2(ignore.size() < m_latest.size(), qPrintable(restore.describe()));
}

// A copy of the repository whose larger index object is cut in half; returns its name.
QString tst_BadInput::truncateIndex(RepoCli &cli)
{
    const QString index = largestFile(cli.objectPaths(u"index"_s));
    QFile file(index);
    if (index.isEmpty() || !file.resize(file.size() / 2))
        return {};
    return QFileInfo(index).fileName();
}

void tst_BadInput::truncatedIndexIsReportedByCheck_data()
{
    QTest::addColumn<bool>("readData");
    QTest::newRow("structural check") << false;
    QTest::newRow("check --read-data") << true;
}

void tst_BadInput::truncatedIndexIsReportedByCheck()
{
    QFETCH(bool, readData);
    auto cli = copyRepository();
    QVERIFY(cli);
    const QString index = truncateIndex(*cli);
    QVERIFY(!index.isEmpty());
    QStringList arguments { u"check"_s };
    if (readData)
        arguments << u"--read-data"_s;
    const CommandResult check = cli->run(arguments);
    QCOMPARE(check.exitCode, int(RepoExitDamaged));
    QVERIFY2(check.err.contains(("index " + index).toUtf8()), qPrintable(check.describe()));
}

void tst_BadInput::truncatedIndexStopsPrune()
{
    auto cli = copyRepository();
    QVERIFY(cli);
    const QString index = truncateIndex(*cli);
    QVERIFY(!index.isEmpty());
    const QStringList packs = cli->packPaths();
    const CommandResult prune = cli->run({ u"prune"_s });
    QVERIFY2(!prune.crashed && prune.exitCode == RepoExitError, qPrintable(prune.describe()));
    QVERIFY2(prune.err.contains(("index " + index).toUtf8()), qPrintable(prune.describe()));
    QCOMPARE(cli->packPaths(), packs);
}

// Restoring a snapshot whose blobs were listed only in the damaged index reports every file
// it cannot restore, and restores the rest exactly.
void tst_BadInput::truncatedIndexRestoreReportsWhatIsMissing()
{
    auto cli = copyRepository();
    QVERIFY(cli);
    const QString index = truncateIndex(*cli);
    QVERIFY(!index.isEmpty());
    const CommandResult list = cli->run({ u"snapshots"_s, u"--json"_s });
    QVERIFY2(list.ok(), qPrintable(list.describe()));
    QCOMPARE(cli->snapshotIds(), m_snapshots);
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(m_copies);
    const CommandResult restore
        = cli->run({ u"restore"_s, u"-q"_s, u"latest"_s, u"--target"_s, target });
    QCOMPARE(restore.exitCode, int(RepoExitWarnings));
    verifyRestoreExceptReported(target, restore);
    QVERIFY2(restore.err.contains(index.toUtf8()), qPrintable(restore.describe()));
}

// A backup over a damaged index stores again what it cannot find, so its snapshot restores
// completely.
void tst_BadInput::backupAfterTruncatedIndexRestores()
{
    auto cli = copyRepository();
    QVERIFY(cli);
    QVERIFY(!truncateIndex(*cli).isEmpty());
    const CommandResult backup = cli->run({ u"backup"_s, u"-q"_s, m_tree->root() });
    QVERIFY2(backup.exitCode == RepoExitOk || backup.exitCode == RepoExitWarnings,
        qPrintable(backup.describe()));
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(m_copies);
    const CommandResult restore
        = cli->run({ u"restore"_s, u"-q"_s, u"latest"_s, u"--target"_s, target });
    QVERIFY2(restore.ok(), qPrintable(restore.describe()));
    const QStringList differences = compareTree(restoredPath(target, m_tree->root()), m_latest);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(u"; "_s)));
}

void tst_BadInput::damagedConfigOrKeyIsNamed_data()
{
    QTest::addColumn<QString>("object"); // relative path, "keys/*" for the one key file
    QTest::addColumn<bool>("remove"); // remove it, or cut it to 40 bytes
    QTest::addColumn<QString>("expected");
    QTest::newRow("config missing") << u"config"_s << true << u"no config"_s;
    QTest::newRow("config truncated") << u"config"_s << false << u"config"_s;
    QTest::newRow("key file missing") << u"keys/*"_s << true << u"no key files"_s;
    QTest::newRow("key file truncated") << u"keys/*"_s << false << u"<key id>"_s;
}

void tst_BadInput::damagedConfigOrKeyIsNamed()
{
    QFETCH(QString, object);
    QFETCH(bool, remove);
    QFETCH(QString, expected);
    auto cli = copyRepository();
    QVERIFY(cli);
    QString path = cli->repository() + u'/' + object;
    if (object == u"keys/*"_s) {
        const QStringList keys = cli->objectPaths(u"keys"_s);
        QCOMPARE(keys.size(), 1);
        path = keys.constFirst();
        expected.replace(u"<key id>"_s, QFileInfo(path).fileName());
    }
    QFile file(path);
    QVERIFY(remove ? file.remove() : file.resize(40));
    const CommandResult result = cli->run({ u"snapshots"_s });
    QVERIFY2(!result.crashed && result.exitCode != 0, qPrintable(result.describe()));
    QVERIFY2(result.err.contains(expected.toUtf8()), qPrintable(result.describe()));
}

void tst_BadInput::garbageSnapshotIsNamed()
{
    auto cli = copyRepository();
    QVERIFY(cli);
    const QString damaged = m_snapshots.constFirst();
    QFile file(cli->repository() + u"/snapshots/"_s + damaged);
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("this is not a snapshot, just garbage of the right sort of size...");
    file.close();
    const CommandResult list = cli->run({ u"snapshots"_s });
    QVERIFY2(!list.crashed && list.exitCode != 0, qPrintable(list.describe()));
    QVERIFY2(list.err.contains(("snapshot " + damaged).toUtf8()), qPrintable(list.describe()));
    const CommandResult check = cli->run({ u"check"_s });
    QCOMPARE(check.exitCode, int(RepoExitDamaged));
    QVERIFY2(check.err.contains(damaged.toUtf8()), qPrintable(check.describe()));
    // The intact snapshot still restores when named by its id.
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(m_copies);
    const CommandResult restore
        = cli->run({ u"restore"_s, u"-q"_s, m_snapshots.constLast(), u"--target"_s, target });
    QVERIFY2(restore.ok(), qPrintable(restore.describe()));
    const QStringList differences = compareTree(restoredPath(target, m_tree->root()), m_latest);
    QVERIFY2(differences.isEmpty(), qPrintable(differences.mid(0, 10).join(u"; "_s)));
}

// Bug: one damaged snapshot object makes `snapshots` fail as a whole (exit 1, nothing listed)
// and `restore latest` unusable, although every other snapshot is intact. The damaged one
// should be reported and the others listed (exit 3).
void tst_BadInput::garbageSnapshotLeavesOthersListed()
{
    auto cli = copyRepository();
    QVERIFY(cli);
    QFile file(cli->repository() + u"/snapshots/"_s + m_snapshots.constFirst());
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    file.write("garbage");
    file.close();
    const CommandResult list = cli->run({ u"snapshots"_s });
    QVERIFY2(
        list.out.contains(m_snapshots.constLast().left(8).toUtf8()), qPrintable(list.describe()));
    const QString target = m_dir.path() + QStringLiteral("/restore-%1").arg(m_copies);
    const CommandResult restore
        = cli->run({ u"restore"_s, u"-q"_s, u"latest"_s, u"--target"_s, target });
    QVERIFY2(restore.ok(), qPrintable(restore.describe()));
}

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
