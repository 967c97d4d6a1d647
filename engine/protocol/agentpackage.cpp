#include "agentpackage.h"

#include "private/agentpackageconf.h"

#include <QBuffer>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>

#include <quazip.h>
#include <quazipfile.h>
#include <quazipfileinfo.h>
#include <quazipnewinfo.h>

using namespace Qt::StringLiterals;

namespace Kura::Protocol {
namespace {

// ZIP compression methods minizip inflates; anything else is refused before opening.
constexpr quint16 MethodStored = 0;
constexpr quint16 MethodDeflated = 8;

// A QBuffer that refuses seeks outside its data quietly: minizip follows offsets read from the
// file, and QBuffer would print a warning for each bad one.
class BoundedBuffer final : public QBuffer {
public:
    bool seek(qint64 pos) override { return pos >= 0 && pos <= size() && QBuffer::seek(pos); }
};

Error packageError(const QString &message)
{
    return Error(ErrorCode::Corrupt, u"agent package: "_s + message);
}

QString readmeText(const AgentPackage &package)
{
    const QString expires = QDateTime::fromMSecsSinceEpoch(package.expiresAtMs, Qt::UTC)
                                .toString(u"yyyy-MM-dd HH:mm"_s);
    QString addresses = u"    %1\n"_s.arg(package.primaryAddress);
    if (!package.drAddress.isEmpty())
        addresses += u"    %1 (the disaster-recovery server, after a switch-over)\n"_s.arg(
            package.drAddress);
    return uR"(Kura agent package

This package enrolls one server into Kura, region %1. It holds a one-time enrollment
token: keep the file secret and use it before %2 UTC, when the token expires.

To install:
1. Install kura-agent on the server to protect.
2. Copy this ZIP file to that server, for example to /root/kura-agent.zip.
3. Run as root (on Windows, in an administrator command prompt):
       kura-agent enroll --package /root/kura-agent.zip
4. Delete the ZIP file. After enrolling, the agent keeps credentials of its own, and the
   token in this package cannot be used again.

The new server then appears in the Kura console as "unprotected".

The agent connects out over TLS to
%3and trusts only the server certificate with this SHA-256 fingerprint:
    %4
kura-agent.conf in this package holds these settings (JSON); do not edit it.
)"_s.arg(package.region, expires, addresses, fingerprintDisplay(package.certificateSha256));
}

Status addEntry(QuaZip &archive, const QString &name, const QByteArray &content,
    QFileDevice::Permissions permissions)
{
    QuaZipFile file(&archive);
    QuaZipNewInfo info(name);
    info.setPermissions(permissions);
    if (!file.open(QIODevice::WriteOnly, info))
        return fail(ErrorCode::Internal,
            u"agent package: cannot add %1 (ZIP error %2)"_s.arg(name).arg(file.getZipError()));
    const qint64 written = file.write(content);
    file.close();
    if (written != content.size() || file.getZipError() != UNZ_OK)
        return fail(ErrorCode::Internal,
            u"agent package: cannot write %1 (ZIP error %2)"_s.arg(name).arg(file.getZipError()));
    return {};
}

// The current entry of `archive`, whose central-directory header declares `size` bytes (at
// most MaxAgentPackageEntryBytes), checked against that size and its CRC.
Result<QByteArray> readCurrentEntry(QuaZip &archive, const QString &name, qint64 size)
{
    QuaZipFile file(&archive);
    if (!file.open(QIODevice::ReadOnly))
        return fail(
            packageError(u"cannot open %1 (ZIP error %2)"_s.arg(name).arg(file.getZipError())));
    const QByteArray content = file.read(MaxAgentPackageEntryBytes + 1);
    const int readError = file.getZipError();
    file.close();
    if (readError != UNZ_OK || file.getZipError() != UNZ_OK)
        return fail(packageError(u"%1 is damaged (ZIP error %2)"_s.arg(name).arg(
            readError != UNZ_OK ? readError : file.getZipError())));
    // minizip checks the CRC only when it got every declared byte, and never reads past them.
    if (content.size() != size)
        return fail(packageError(u"%1 is damaged: %2 of %3 bytes could be read"_s.arg(name)
                                     .arg(content.size())
                                     .arg(size)));
    return content;
}

// Checks what the central directory says about the current entry before anything of it is
// inflated.
Status checkEntry(const QuaZipFileInfo64 &info)
{
    if (info.isEncrypted())
        return fail(packageError(u"entry \"%1\" is encrypted"_s.arg(info.name)));
    if (info.method != MethodStored && info.method != MethodDeflated)
        return fail(packageError(u"entry \"%1\" uses compression method %2; only stored (0) and"
                                 " deflated (8) are read"_s.arg(info.name)
                                     .arg(info.method)));
    if (info.uncompressedSize > quint64(MaxAgentPackageEntryBytes))
        return fail(packageError(
            u"entry \"%1\" unpacks to %2 bytes, more than the limit of %3"_s.arg(info.name)
                .arg(info.uncompressedSize)
                .arg(MaxAgentPackageEntryBytes)));
    return {};
}

// The content of kura-agent.conf: every entry passes checkEntry(), and exactly one is named so.
Result<QByteArray> findConfig(QuaZip &archive)
{
    const QString configName = QString::fromLatin1(AgentConfigEntryName);
    std::optional<QByteArray> config;
    int entries = 0;
    for (bool more = archive.goToFirstFile(); more; more = archive.goToNextFile()) {
        if (++entries > MaxAgentPackageEntries)
            return fail(packageError(
                u"more than %1 entries; a package has two"_s.arg(MaxAgentPackageEntries)));
        QuaZipFileInfo64 info;
        if (!archive.getCurrentFileInfo(&info))
            return fail(
                packageError(u"entry %1 has a damaged header (ZIP error %2)"_s.arg(entries).arg(
                    archive.getZipError())));
        KURA_TRY(checkEntry(info));
        if (info.name != configName)
            continue;
        if (config)
            return fail(packageError(u"holds %1 twice"_s.arg(configName)));
        auto content = readCurrentEntry(archive, configName, qint64(info.uncompressedSize));
        if (!content)
            return fail(content.error());
        config = std::move(*content);
    }
    if (archive.getZipError() != UNZ_OK)
        return fail(
            packageError(u"damaged central directory (ZIP error %1)"_s.arg(archive.getZipError())));
    if (!config)
        return fail(packageError(u"no %1 at the top of the ZIP file"_s.arg(configName)));
    return *config;
}

} // namespace

Status validateAgentPackage(const AgentPackage &package)
{
    return Detail::validateAgentConf(package);
}

Result<QByteArray> writeAgentPackage(const AgentPackage &package)
{
    KURA_TRY(validateAgentPackage(package));
    QBuffer buffer;
    QuaZip archive(&buffer);
    archive.setUtf8Enabled(true);
    if (!archive.open(QuaZip::mdCreate))
        return fail(ErrorCode::Internal,
            u"agent package: cannot create a ZIP (error %1)"_s.arg(archive.getZipError()));
    // The configuration holds the token: unpacked, it is readable by its owner only.
    const auto ownerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
    const auto everyone = ownerOnly | QFileDevice::ReadGroup | QFileDevice::ReadOther;
    KURA_TRY(addEntry(archive, QString::fromLatin1(AgentConfigEntryName),
        Detail::agentConfToJson(package), ownerOnly));
    KURA_TRY(addEntry(archive, QString::fromLatin1(AgentReadmeEntryName),
        readmeText(package).toUtf8(), everyone));
    archive.close();
    if (archive.getZipError() != UNZ_OK)
        return fail(ErrorCode::Internal,
            u"agent package: cannot finish the ZIP (error %1)"_s.arg(archive.getZipError()));
    return buffer.data();
}

Result<AgentPackage> readAgentPackage(const QByteArray &zip)
{
    if (zip.size() > MaxAgentPackageBytes)
        return fail(packageError(
            u"%1 bytes, more than the limit of %2"_s.arg(zip.size()).arg(MaxAgentPackageBytes)));
    BoundedBuffer buffer;
    buffer.setData(zip);
    QuaZip archive(&buffer);
    if (!archive.open(QuaZip::mdUnzip))
        return fail(packageError(u"not a ZIP file"_s));
    auto config = findConfig(archive);
    archive.close();
    if (!config)
        return fail(config.error());
    return Detail::agentConfFromJson(*config);
}

Result<AgentPackage> readAgentPackageFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(file.exists() ? ErrorCode::Io : ErrorCode::NotFound,
            u"cannot open \"%1\": %2"_s.arg(path, file.errorString()));
    if (file.size() > MaxAgentPackageBytes)
        return fail(ErrorCode::Corrupt,
            u"\"%1\": %2 bytes, more than an agent package may have (%3)"_s.arg(path)
                .arg(file.size())
                .arg(MaxAgentPackageBytes));
    // Read one byte past the limit, in case the file grew after size() was asked.
    const QByteArray bytes = file.read(MaxAgentPackageBytes + 1);
    if (file.error() != QFileDevice::NoError)
        return fail(ErrorCode::Io, u"cannot read \"%1\": %2"_s.arg(path, file.errorString()));
    auto package = readAgentPackage(bytes);
    if (!package)
        return fail(package.error().withContext(u"\"%1\""_s.arg(path)));
    return package;
}

QString fingerprintHex(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex());
}

QString fingerprintDisplay(const QByteArray &sha256)
{
    return QString::fromLatin1(sha256.toHex(':').toUpper());
}

} // namespace Kura::Protocol
