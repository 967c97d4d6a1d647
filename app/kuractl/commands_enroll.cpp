// kuractl commands for enrolling agents: enroll-token, enroll-tokens, revoke-token.
#include "cli.h"
#include "format.h"
#include "options.h"

#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

using namespace Qt::StringLiterals;

namespace Kuractl {
namespace {

using namespace Client;

// Writes the agent package readable by its owner only: it holds the enrollment secret.
Kura::Status writePackage(const QString &path, const QByteArray &package)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(package) != package.size())
        return Kura::fail(
            Kura::ErrorCode::Io, u"cannot write \"%1\": %2"_s.arg(path, file.errorString()));
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    if (!file.commit())
        return Kura::fail(
            Kura::ErrorCode::Io, u"cannot write \"%1\": %2"_s.arg(path, file.errorString()));
    return {};
}

void createToken(Session &s)
{
    const QString region = s.value(u"region"_s);
    const QString path = s.value(u"package"_s);
    if (region.isEmpty() || path.isEmpty())
        return s.fail(ExitUsage, u"enroll-token needs --region and --package"_s);
    int hours = 0;
    if (s.isSet(u"valid-hours"_s)) {
        bool ok = false;
        hours = s.value(u"valid-hours"_s).toInt(&ok);
        if (!ok || hours < 1)
            return s.fail(ExitUsage,
                u"--valid-hours \"%1\": expected a positive number"_s.arg(
                    s.value(u"valid-hours"_s)));
    }
    if (QFile::exists(path))
        return s.fail(ExitUsage, u"\"%1\" exists already; choose a new file"_s.arg(path));
    // The raw answer, so that --json prints it as it came; the package is written either way.
    s.client().send(Requests::createEnrollmentToken(region, hours), &s,
        s.then<QByteArray>([&s, path](const QByteArray &body) {
            const auto token = EnrollmentToken::fromJson(QJsonDocument::fromJson(body).object());
            if (!token)
                return s.fail(ExitFailed, u"unexpected answer: "_s + token.error().message());
            if (const auto written = writePackage(path, token->package); !written)
                return s.fail(ExitFailed, written.error().message());
            if (s.json())
                writeOut(body + '\n');
            else
                printOut(u"enrollment token %1 for region %2, valid until %3\n"
                         "agent package written to \"%4\"; on the new server run:\n"
                         "  kura-agent enroll --package %4\n"_s.arg(token->id)
                             .arg(token->region, formatTime(token->expiresAt), path));
            s.finish(ExitOk);
        }));
}

void listTokens(Session &s)
{
    if (s.json())
        return s.printJson(Requests::enrollmentTokens());
    s.client().enrollmentTokens(
        0, &s, s.then<QList<EnrollmentToken>>([&s](const QList<EnrollmentToken> &tokens) {
            Table table({ u"ID"_s, u"REGION"_s, u"STATE"_s, u"CREATED"_s, u"EXPIRES"_s, u"USED"_s,
                u"SERVER"_s });
            for (const EnrollmentToken &t : tokens)
                table.addRow({ QString::number(t.id), t.region, t.state, formatTime(t.createdAt),
                    formatTime(t.expiresAt), formatTime(t.usedAt),
                    formatOptional(t.usedByServerId) });
            printOut(table.toString());
            s.finish(ExitOk);
        }));
}

void revokeToken(Session &s)
{
    const auto id = s.idArgument(0, u"token"_s);
    if (!id)
        return;
    s.client().revokeEnrollmentToken(*id, &s, [&s, id = *id](ApiResult<void> done) {
        if (!done)
            return s.fail(done.error());
        printOut(u"enrollment token %1 revoked\n"_s.arg(id));
        s.finish(ExitOk);
    });
}

} // namespace

QList<Command> enrollCommands()
{
    const QCommandLineOption json = Options::json();
    return {
        { u"enroll-token"_s, {},
            u"Make a one-time enrollment token and write its agent package (--package FILE)."_s,
            { { u"region"_s, u"The region the new server is in."_s, u"REGION"_s },
                { u"valid-hours"_s, u"Hours the token works (default 24, at most 720)."_s,
                    u"HOURS"_s },
                { u"package"_s, u"Where to write the agent package (a new file)."_s, u"FILE"_s },
                json },
            0, 0, createToken },
        { u"enroll-tokens"_s, {}, u"List enrollment tokens (without their secrets)."_s, { json }, 0,
            0, listTokens },
        { u"revoke-token"_s, u"TOKEN"_s, u"Revoke an unused enrollment token."_s, {}, 1, 1,
            revokeToken },
    };
}

} // namespace Kuractl
