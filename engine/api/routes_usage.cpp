// Usage and charges (SPEC §10): each server's daily protected volume in a month, its monthly
// average and the estimated charge under the price table the server was started with.
#include "private/routes.h"

#include <catalog/csv.h>
#include <catalog/usagestore.h>
#include <policy/billing.h>

#include <QDate>
#include <QJsonArray>

#include <variant>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// The month of `route`'s "month" parameter (YYYY-MM; default: the current UTC month) as its
// first day, or an InvalidArgument response naming the parameter.
std::variant<QDate, ApiResponse> monthOf(ApiContext &context, const RouteContext &route)
{
    QDate first = QDateTime::fromMSecsSinceEpoch(context.clock.nowMs(), Qt::UTC).date();
    first = QDate(first.year(), first.month(), 1);
    const QString month = route.request.queryValue(u"month"_s);
    if (!month.isEmpty()) {
        first = QDate::fromString(month + u"-01"_s, Qt::ISODate);
        if (!first.isValid() || month.size() != 7)
            return ApiResponse::error(ErrorCode::InvalidArgument, u"month \"%1\" is not YYYY-MM"_s.arg(month),
                                      { { u"field"_s, u"month"_s } });
    }
    return first;
}

// The usage document of the month starting at `first` (docs/api.md "Usage"), or the
// catalog's error.
Result<QJsonObject> usageOf(ApiContext &context, const RouteContext &route, QDate first)
{
    const QDate last = first.addMonths(1).addDays(-1);
    auto samples = Catalog::UsageStore(context.database).samples(route.identity.tenantId, first, last);
    if (!samples)
        return fail(samples.error());
    // Samples come ordered by server, then day.
    QJsonArray servers;
    double tenantAverage = 0;
    qint64 tenantCharge = 0;
    bool charged = context.prices != nullptr;
    for (qsizetype i = 0; i < samples->size();) {
        const qint64 serverId = samples->at(i).serverId;
        QJsonArray days;
        QList<Policy::UsageSample> billing;
        QList<Policy::PlanPeriod> periods;
        QString name;
        for (; i < samples->size() && samples->at(i).serverId == serverId; ++i) {
            const Catalog::UsageSample &s = samples->at(i);
            name = s.serverName;
            const qint64 dayMs = QDateTime(s.day, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch();
            days.append(QJsonObject { { u"day"_s, s.day.toString(Qt::ISODate) }, { u"protectedBytes"_s, double(s.protectedBytes) } });
            billing.append({ dayMs, s.protectedBytes });
            const Policy::Menu menu { s.storage, s.timing, s.retentionDays };
            if (periods.isEmpty() || periods.last().menu != menu)
                periods.append({ periods.isEmpty() ? QDateTime(first, QTime(0, 0), Qt::UTC).toMSecsSinceEpoch() : dayMs, menu });
        }
        const double average = Policy::monthlyAverageBytes(billing, first.year(), first.month());
        tenantAverage += average;
        const Catalog::UsageSample &latest = samples->at(i - 1);
        const QJsonObject menuJson { { u"storage"_s, Policy::storageName(latest.storage) },
                                     { u"timing"_s, Policy::timingName(latest.timing) },
                                     { u"retentionDays"_s, latest.retentionDays } };
        QJsonObject server { { u"serverId"_s, double(serverId) }, { u"name"_s, name }, { u"days"_s, days },
                             { u"menu"_s, menuJson }, { u"averageBytes"_s, average },
                             { u"estimatedCharge"_s, QJsonValue() } };
        if (context.prices) {
            auto charge = Policy::monthlyCharge(*context.prices, first.year(), first.month(), billing, periods);
            if (charge) {
                server.insert(u"estimatedCharge"_s, double(charge->total));
                tenantCharge += charge->total;
            } else {
                server.insert(u"chargeError"_s, charge.error().message());
                charged = false;
            }
        }
        servers.append(server);
    }
    return QJsonObject { { u"month"_s, first.toString(u"yyyy-MM"_s) }, { u"servers"_s, servers },
                         { u"averageBytes"_s, tenantAverage },
                         { u"currency"_s, context.prices ? QJsonValue(context.prices->currency()) : QJsonValue() },
                         { u"estimatedCharge"_s, charged ? QJsonValue(double(tenantCharge)) : QJsonValue() } };
}

// A whole number of bytes or currency units as CSV text; empty for null.
QString wholeNumber(const QJsonValue &value)
{
    return value.isDouble() ? QString::number(qRound64(value.toDouble())) : QString();
}

// The usage document as CSV (csv.h): one record per server, then the tenant's total with an
// empty serverId and server.
QByteArray usageCsv(const QJsonObject &usage)
{
    const QString month = usage.value(u"month"_s).toString();
    const QString currency = usage.value(u"currency"_s).toString();
    QList<QStringList> rows { { u"month"_s, u"serverId"_s, u"server"_s, u"storage"_s, u"timing"_s,
        u"retentionDays"_s, u"averageBytes"_s, u"estimatedCharge"_s, u"currency"_s, u"chargeError"_s } };
    for (const QJsonValue &value : usage.value(u"servers"_s).toArray()) {
        const QJsonObject server = value.toObject();
        const QJsonObject menu = server.value(u"menu"_s).toObject();
        rows.append({ month, wholeNumber(server.value(u"serverId"_s)), server.value(u"name"_s).toString(),
            menu.value(u"storage"_s).toString(), menu.value(u"timing"_s).toString(),
            QString::number(menu.value(u"retentionDays"_s).toInt()), wholeNumber(server.value(u"averageBytes"_s)),
            wholeNumber(server.value(u"estimatedCharge"_s)), currency, server.value(u"chargeError"_s).toString() });
    }
    rows.append({ month, QString(), QString(), QString(), QString(), QString(),
        wholeNumber(usage.value(u"averageBytes"_s)), wholeNumber(usage.value(u"estimatedCharge"_s)), currency,
        QString() });
    return Catalog::Csv::document(rows);
}

// GET /usage?month=YYYY-MM and GET /usage.csv?month=YYYY-MM
ApiResponse usage(ApiContext &context, const RouteContext &route, bool csv)
{
    auto first = monthOf(context, route);
    if (auto *refused = std::get_if<ApiResponse>(&first))
        return *refused;
    auto usage = usageOf(context, route, std::get<QDate>(first));
    if (!usage)
        return ApiResponse::error(usage.error());
    if (!csv) {
        // Which months there are to choose from: the server's current month and those with
        // samples, so that a client's month picker follows the data and the server's calendar.
        auto months = Catalog::UsageStore(context.database).months(route.identity.tenantId);
        if (!months)
            return ApiResponse::error(months.error());
        const QDate today = QDateTime::fromMSecsSinceEpoch(context.clock.nowMs(), Qt::UTC).date();
        usage->insert(u"currentMonth"_s, today.toString(u"yyyy-MM"_s));
        usage->insert(u"months"_s, QJsonArray::fromStringList(*months));
        return ApiResponse::json(200, *usage);
    }
    ApiResponse response = ApiResponse::raw(200, "text/csv; charset=utf-8", usageCsv(*usage));
    response.addHeader("Content-Disposition",
        "attachment; filename=\"kura-usage-" + usage->value(u"month"_s).toString().toUtf8() + ".csv\"");
    return response;
}

} // namespace

void addUsageRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/usage"_s, Access::Read,
        [&context](const RouteContext &route) { return usage(context, route, false); });
    router.add(Method::Get, u"/api/v1/usage.csv"_s, Access::Read,
        [&context](const RouteContext &route) { return usage(context, route, true); });
}

} // namespace Kura::Api::Routes
