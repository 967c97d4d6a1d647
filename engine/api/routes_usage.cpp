// Usage and charges (SPEC §10): each server's daily protected volume in a month, its monthly
// average and the estimated charge under the price table the server was started with.
#include "private/routes.h"

#include <catalog/usagestore.h>
#include <policy/billing.h>

#include <QDate>
#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace Kura::Api::Routes {
namespace {

// GET /usage?month=YYYY-MM (default: the current UTC month)
ApiResponse usage(ApiContext &context, const RouteContext &route)
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
    const QDate last = first.addMonths(1).addDays(-1);
    auto samples = Catalog::UsageStore(context.database).samples(route.identity.tenantId, first, last);
    if (!samples)
        return ApiResponse::error(samples.error());
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
        QJsonObject server { { u"serverId"_s, double(serverId) }, { u"name"_s, name }, { u"days"_s, days },
                             { u"averageBytes"_s, average }, { u"estimatedCharge"_s, QJsonValue() } };
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
    QJsonObject out { { u"month"_s, first.toString(u"yyyy-MM"_s) }, { u"servers"_s, servers },
                      { u"averageBytes"_s, tenantAverage },
                      { u"currency"_s, context.prices ? QJsonValue(context.prices->currency()) : QJsonValue() },
                      { u"estimatedCharge"_s, charged ? QJsonValue(double(tenantCharge)) : QJsonValue() } };
    return ApiResponse::json(200, out);
}

} // namespace

void addUsageRoutes(Router &router, ApiContext &context)
{
    router.add(Method::Get, u"/api/v1/usage"_s, Access::Read,
        [&context](const RouteContext &route) { return usage(context, route); });
}

} // namespace Kura::Api::Routes
