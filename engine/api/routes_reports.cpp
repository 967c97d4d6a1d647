#include "private/routes.h"

#include "jsonviews.h"

#include <catalog/report.h>

#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

Result<QList<Catalog::ReportRow>> reportRows(ApiContext &context, const RouteContext &route)
{
    auto limit = limitParam(route, u"limit"_s, Catalog::ReportMaxRows, Catalog::ReportMaxRows);
    if (!limit)
        return fail(limit.error());
    return Catalog::jobReport(
        context.database, route.identity.tenantId, context.clock.nowMs(), *limit);
}

ApiResponse reportJson(ApiContext &context, const RouteContext &route)
{
    auto rows = reportRows(context, route);
    if (!rows)
        return ApiResponse::error(rows.error());
    QJsonArray out;
    for (const Catalog::ReportRow &row : std::as_const(*rows))
        out.append(reportRowToJson(row));
    return ApiResponse::json(200,
        QJsonObject { { u"days"_s, Catalog::ReportDays }, { u"maxRows"_s, Catalog::ReportMaxRows },
            { u"generated"_s, isoUtc(context.clock.nowMs()) }, { u"rows"_s, out } });
}

// ?tz=<IANA zone id> chooses the offset of the CSV's times; UTC by default.
ApiResponse reportCsv(ApiContext &context, const RouteContext &route)
{
    const QString zoneName = route.request.queryValue(u"tz"_s);
    const QTimeZone zone = zoneName.isEmpty() ? QTimeZone::utc() : QTimeZone(zoneName.toUtf8());
    if (!zone.isValid())
        return ApiResponse::error(ErrorCode::InvalidArgument,
            u"query parameter \"tz\": unknown time zone \"%1\""_s.arg(zoneName));
    auto rows = reportRows(context, route);
    if (!rows)
        return ApiResponse::error(rows.error());
    ApiResponse response
        = ApiResponse::raw(200, "text/csv; charset=utf-8", Catalog::reportCsv(*rows, zone));
    response.addHeader("Content-Disposition", "attachment; filename=\"kura-jobs.csv\"");
    return response;
}

} // namespace

void addReportRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/reports/jobs"_s, Access::Read,
        [&context](const RouteContext &route) { return reportJson(context, route); });
    router.add(Method::Get, u"/api/v1/reports/jobs.csv"_s, Access::Read,
        [&context](const RouteContext &route) { return reportCsv(context, route); });
}

} // namespace Kura::Api::Routes
