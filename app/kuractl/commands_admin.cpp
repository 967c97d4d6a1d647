// kuractl commands of administration: delete-server, region-state, api-keys, api-key.
#include "cli.h"
#include "format.h"
#include "options.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

using namespace Client;

QByteArray compactJson(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact) + '\n';
}

// Without --yes, asks the server what would be deleted (it refuses without confirmation and
// names the amount) and says so, like unprotect.
void deleteServer(Session &s)
{
    const bool confirmed = s.isSet(u"yes"_s);
    s.resolveServer(s.arguments().at(0), [&s, confirmed](qint64 id) {
        s.client().deleteServer(id, confirmed, &s,
            [&s, confirmed](ApiResult<DeleteServerResult> result) {
                if (!result && !confirmed && result.error().field() == u"confirm"_s) {
                    const QJsonObject &d = result.error().details;
                    return s.fail(ExitUsage,
                        u"deleting server \"%1\" deletes %2 generation(s), %3 stored, and its "
                        "agent must enroll again; run again with --yes to confirm"_s
                            .arg(d.value(u"serverName"_s).toString())
                            .arg(d.value(u"generations"_s).toInteger())
                            .arg(formatBytes(d.value(u"storedBytes"_s).toInteger())));
                }
                if (!result)
                    return s.fail(result.error());
                if (s.json())
                    writeOut(compactJson({ { u"serverId"_s, double(result->serverId) },
                        { u"name"_s, result->name }, { u"deleted"_s, true },
                        { u"generations"_s, double(result->generations) },
                        { u"storedBytes"_s, double(result->storedBytes) } }));
                else
                    printOut(u"server %1 (\"%2\") deleted with %3 generation(s), %4; its agent "
                             "must enroll again\n"_s.arg(result->serverId)
                                 .arg(result->name)
                                 .arg(result->generations)
                                 .arg(formatBytes(result->storedBytes)));
                s.finish(ExitOk);
            });
    });
}

void setRegionState(Session &s)
{
    const QString region = s.arguments().at(0);
    const QString state = s.arguments().at(1);
    if (state != u"failed"_s && state != u"ok"_s)
        return s.fail(ExitUsage, u"state \"%1\": expected failed or ok"_s.arg(state));
    const QString reason = s.value(u"reason"_s);
    if (s.json())
        return s.printJson(Requests::setRegionState(region, state, reason));
    s.client().setRegionState(region, state, reason, &s,
        s.then<RegionInfo>([&s](const RegionInfo &r) {
            printOut(u"region %1 is %2 (changed by %3 at %4)\n"_s.arg(r.name, r.state,
                r.stateChangedBy.isEmpty() ? u"-"_s : r.stateChangedBy, formatTime(r.stateChanged)));
            s.finish(ExitOk);
        }));
}

void listApiKeys(Session &s)
{
    if (s.json())
        return s.printJson(Requests::apiKeys());
    s.client().apiKeys(&s, s.then<QList<ApiKeyInfo>>([&s](const QList<ApiKeyInfo> &keys) {
        Table table({ u"ID"_s, u"NAME"_s, u"USER"_s, u"ROLE"_s, u"CREATED"_s, u"LAST USED"_s,
            u"REVOKED"_s });
        for (const ApiKeyInfo &k : keys)
            table.addRow({ QString::number(k.id), k.name, k.userName,
                k.role.isEmpty() ? u"(user's)"_s : k.role, formatTime(k.createdAt),
                formatTime(k.lastUsedAt), yesNo(k.revoked) });
        printOut(table.toString());
        s.finish(ExitOk);
    }));
}

void createApiKey(Session &s)
{
    const QString name = s.arguments().at(1);
    const QString role = s.value(u"role"_s);
    if (role != u"admin"_s && role != u"operator"_s && role != u"viewer"_s)
        return s.fail(ExitUsage, u"--role \"%1\": expected admin, operator or viewer"_s.arg(role));
    s.client().send(Requests::createApiKey(name, role), &s,
        s.then<QByteArray>([&s](const QByteArray &body) {
            const auto key = ApiKeyInfo::fromJson(QJsonDocument::fromJson(body).object());
            if (!key)
                return s.fail(ExitFailed, u"unexpected answer: "_s + key.error().message());
            if (s.json()) {
                writeOut(body + '\n');
            } else {
                // The secret on standard output alone, so that scripts can capture it.
                printErr(u"API key %1 (\"%2\", role %3) created; its token is shown only now:\n"_s
                             .arg(key->id)
                             .arg(key->name, key->role));
                printOut(key->token + u'\n');
            }
            s.finish(ExitOk);
        }));
}

void revokeApiKey(Session &s)
{
    const auto id = s.idArgument(1, u"API key"_s);
    if (!id)
        return;
    s.client().revokeApiKey(*id, &s, [&s, id = *id](ApiResult<void> done) {
        if (!done)
            return s.fail(done.error());
        printOut(u"API key %1 revoked\n"_s.arg(id));
        s.finish(ExitOk);
    });
}

void apiKey(Session &s)
{
    const QString action = s.arguments().at(0);
    if (action == u"create"_s)
        return createApiKey(s);
    if (action == u"revoke"_s)
        return revokeApiKey(s);
    s.fail(ExitUsage, u"api-key \"%1\": expected create NAME or revoke ID"_s.arg(action));
}

} // namespace

QList<Command> adminCommands()
{
    const QCommandLineOption json = Options::json();
    return {
        { u"delete-server"_s, u"SERVER"_s,
            u"Delete a server with all its backup data; its agent must enroll again."_s,
            { { { u"yes"_s, u"confirm"_s },
                  u"Confirm the deletion (without it, the amount of data is shown)."_s },
                json },
            1, 1, deleteServer },
        { u"region-state"_s, u"REGION failed|ok"_s,
            u"Mark a region's storage failed or recovered (every tenant sees it)."_s,
            { { u"reason"_s, u"Why, for the region's history."_s, u"TEXT"_s }, json }, 2, 2,
            setRegionState },
        { u"api-keys"_s, {}, u"List API keys (without their secrets)."_s, { json }, 0, 0,
            listApiKeys },
        { u"api-key"_s, u"create NAME | revoke ID"_s,
            u"Create an API key (its token is printed once) or revoke one."_s,
            { { u"role"_s, u"The most the key may do: admin, operator or viewer (default viewer)."_s,
                  u"ROLE"_s, u"viewer"_s },
                json },
            2, 2, apiKey },
    };
}

} // namespace Kuractl
