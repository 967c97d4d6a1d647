#pragma once

#include "httpmessage.h"

#include <catalog/userstore.h>
#include <core/error.h>

#include <QHash>
#include <QList>
#include <QString>
#include <QStringList>

#include <functional>

namespace Kura::Api {

// Who is calling: fixed by the bearer token (a login session or an API key). Every catalog
// query a route makes uses `tenantId`, so a caller never reaches another tenant's rows.
struct Identity {
    qint64 tenantId = 0;
    qint64 userId = 0;
    QString userName;
    Catalog::Role role = Catalog::Role::Viewer;
    bool viaApiKey = false;
};

// What a route needs from the caller's role (SPEC §11): Read for viewers and up, Operate
// (run, stop, restore, acknowledge) for operators and admins, Admin for admins only. Public
// routes need no token at all (only the login).
enum class Access { Public, Read, Operate, Admin };
bool roleAllows(Catalog::Role role, Access access);
QString accessName(Access access);

// What a handler receives: the request, the path parameters by name and, for non-public
// routes, the authenticated caller.
struct RouteContext {
    const ApiRequest &request;
    QHash<QString, QString> params;
    Identity identity;

    // Path parameter `name` as a positive 64-bit id. InvalidArgument naming the parameter
    // when it is not one.
    Result<qint64> idParam(const QString &name) const;
};

using Handler = std::function<ApiResponse(const RouteContext &)>;
// Turns the Authorization header of a request into an Identity; Unauthorized when it cannot.
using Authenticate = std::function<Result<Identity>(const ApiRequest &)>;

// Maps method + path pattern to handlers. Patterns are absolute paths whose segments are
// literals or `{name}` parameters matching one non-empty segment ("/api/v1/servers/{id}").
// Dispatching a request:
//   no pattern matches the path            -> 404 not_found
//   patterns match, none for the method    -> 405 invalid_argument with an Allow header
//   route is not public and auth fails     -> 401 unauthorized (WWW-Authenticate: Bearer)
//   the caller's role lacks the access     -> 403 forbidden
//   otherwise                              -> the handler's response
// Not thread-safe while routes are added; dispatch() itself keeps no state.
class Router {
public:
    void setAuthenticate(Authenticate authenticate) { m_authenticate = std::move(authenticate); }
    void add(Method method, const QString &pattern, Access access, Handler handler);
    ApiResponse dispatch(const ApiRequest &request) const;

    struct RouteInfo {
        Method method;
        QString pattern;
        Access access;
    };
    // Every registered route, in registration order (documentation checks, tests).
    QList<RouteInfo> routes() const;

private:
    struct Route {
        Method method = Method::Get;
        QString pattern;
        QStringList segments;
        Access access = Access::Read;
        Handler handler;
    };
    static bool match(const Route &route, const QStringList &path, QHash<QString, QString> *params);
    ApiResponse run(
        const Route &route, const ApiRequest &request, QHash<QString, QString> params) const;

    QList<Route> m_routes;
    Authenticate m_authenticate;
};

} // namespace Kura::Api
