#include "agentstate.h"

#include <store/fs/posixfilesystem.h>

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace Kura::Agent {

QByteArray AgentState::authKey() const
{
    return QCryptographicHash::hash(secret.toHex(), QCryptographicHash::Sha256);
}

QString AgentState::fileIn(const QString &stateFolder)
{
    return stateFolder + u"/agent.json"_s;
}

Result<AgentState> AgentState::load(const QString &stateFolder)
{
    QFile file(fileIn(stateFolder));
    if (!file.exists())
        return fail(ErrorCode::NotFound, u"the agent is not set up: \"%1\" does not exist (enroll it with a package)"_s
                                             .arg(file.fileName()));
    if (!file.open(QIODevice::ReadOnly))
        return fail(ErrorCode::Io, u"cannot read \"%1\": %2"_s.arg(file.fileName(), file.errorString()));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(1024 * 1024), &error);
    auto bad = [&](const QString &what) {
        return Error(ErrorCode::Corrupt, u"\"%1\": %2"_s.arg(file.fileName(), what));
    };
    if (!doc.isObject())
        return fail(bad(u"not a JSON object (%1)"_s.arg(error.errorString())));
    const QJsonObject o = doc.object();
    if (o.value("format"_L1).toInt() != 1)
        return fail(bad(u"unknown format %1"_s.arg(o.value("format"_L1).toInt())));
    AgentState state;
    state.primaryAddress = o.value("primaryAddress"_L1).toString();
    state.drAddress = o.value("drAddress"_L1).toString();
    state.certificateSha256 = QByteArray::fromHex(o.value("certificateSha256"_L1).toString().toLatin1());
    state.token = o.value("token"_L1).toString();
    state.region = o.value("region"_L1).toString();
    state.agentId = o.value("agentId"_L1).toString();
    state.secret = QByteArray::fromHex(o.value("secret"_L1).toString().toLatin1());
    if (state.primaryAddress.isEmpty())
        return fail(bad(u"field \"primaryAddress\" is missing"_s));
    if (state.certificateSha256.size() != 32)
        return fail(bad(u"field \"certificateSha256\" is not 64 hex digits"_s));
    if (!state.agentId.isEmpty() && state.secret.size() != 32)
        return fail(bad(u"field \"secret\" is not 64 hex digits"_s));
    if (!state.isEnrolled() && state.token.isEmpty())
        return fail(bad(u"neither an identity nor an enrollment token"_s));
    return state;
}

Status AgentState::save(const QString &stateFolder) const
{
    if (!QDir().mkpath(stateFolder))
        return fail(ErrorCode::Io, u"cannot create the state folder \"%1\""_s.arg(stateFolder));
    // The state and the cache name what is backed up: the owner's alone.
    QFile::setPermissions(stateFolder, QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    QJsonObject o {
        { "format"_L1, 1 },
        { "primaryAddress"_L1, primaryAddress },
        { "drAddress"_L1, drAddress },
        { "certificateSha256"_L1, QString::fromLatin1(certificateSha256.toHex()) },
        { "region"_L1, region },
    };
    if (isEnrolled()) {
        o.insert("agentId"_L1, agentId);
        o.insert("secret"_L1, QString::fromLatin1(secret.toHex()));
    } else {
        o.insert("token"_L1, token);
    }
    return Fs::PosixFileSystem().writeAtomically(QFile::encodeName(fileIn(stateFolder)), QJsonDocument(o).toJson(), 0600);
}

} // namespace Kura::Agent
