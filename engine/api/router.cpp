#include "router.h"

using namespace Qt::StringLiterals;

namespace Kura::Api {

bool roleAllows(Catalog::Role role, Access access)
{
    switch (access) {
    case Access::Public:
    case Access::Read:
        return true;
    case Access::Operate:
        return role == Catalog::Role::Admin || role == Catalog::Role::Operator;
    case Access::Admin:
        return role == Catalog::Role::Admin;
    }
    return false;
}

QString accessName(Access access)
{
    switch (access) {
    case Access::Public:
        return u"public"_s;
    case Access::Read:
        return u"read"_s;
    case Access::Operate:
        return u"operate"_s;
    case Access::Admin:
        return u"admin"_s;
    }
    return u"admin"_s;
}

Result<qint64> RouteContext::idParam(const QString &name) const
{
    const QString text = params.value(name);
    bool ok = false;
    const qint64 id = text.toLongLong(&ok);
    if (!ok || id <= 0)
        return fail(ErrorCode::InvalidArgument,
            u"path parameter \"%1\": \"%2\" is not a positive integer id"_s.arg(name, text));
    return id;
}

void Router::add(Method method, const QString &pattern, Access access, Handler handler)
{
    m_routes.append(
        { method, pattern, pattern.split(u'/', Qt::SkipEmptyParts), access, std::move(handler) });
}

QList<Router::RouteInfo> Router::routes() const
{
    QList<RouteInfo> out;
    for (const Route &route : m_routes)
        out.append({ route.method, route.pattern, route.access });
    return out;
}

bool Router::match(const Route &route, const QStringList &path, QHash<QString, QString> *params)
{
    if (route.segments.size() != path.size())
        return false;
    for (qsizetype i = 0; i < path.size(); ++i) {
        const QString &segment = route.segments.at(i);
        if (segment.startsWith(u'{') && segment.endsWith(u'}'))
            params->insert(segment.mid(1, segment.size() - 2), path.at(i));
        else if (segment != path.at(i))
            return false;
    }
    return true;
}

ApiResponse Router::dispatch(const ApiRequest &request) const
{
    // Empty segments ("//") never match a route, so keep them to refuse such paths.
    QStringList path = request.path.split(u'/');
    if (!path.isEmpty() && path.first().isEmpty())
        path.removeFirst();
    QStringList allowed;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!match(route, path, &params))
            continue;
        if (route.method == request.method)
            return run(route, request, std::move(params));
        allowed << methodName(route.method);
    }
    if (allowed.isEmpty())
        return ApiResponse::error(ErrorCode::NotFound, u"no route for %1"_s.arg(request.path));
    ApiResponse response = ApiResponse::error(ErrorCode::InvalidArgument,
        u"method %1 is not allowed on %2"_s.arg(methodName(request.method), request.path),
        { { u"allowed"_s, QJsonArray::fromStringList(allowed) } });
    response.status = 405;
    response.addHeader("Allow", allowed.join(u", "_s).toLatin1());
    return response;
}

ApiResponse Router::run(
    const Route &route, const ApiRequest &request, QHash<QString, QString> params) const
{
    RouteContext context { request, std::move(params), {} };
    if (route.access != Access::Public) {
        if (!m_authenticate)
            return ApiResponse::error(ErrorCode::Internal, u"no authentication configured"_s);
        auto identity = m_authenticate(request);
        if (!identity) {
            ApiResponse response = ApiResponse::error(identity.error());
            response.addHeader("WWW-Authenticate", "Bearer realm=\"kura\"");
            return response;
        }
        if (!roleAllows(identity->role, route.access))
            return ApiResponse::error(ErrorCode::Forbidden,
                u"role \"%1\" may not do this (needs %2 access)"_s.arg(
                    Catalog::roleName(identity->role), accessName(route.access)),
                { { u"role"_s, Catalog::roleName(identity->role) },
                    { u"required"_s, accessName(route.access) } });
        context.identity = *identity;
    }
    return route.handler(context);
}

} // namespace Kura::Api
