#include "pricetable.h"

#include "private/jsonfields.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QRegularExpression>

namespace Kura::Policy {
namespace {

tl::unexpected<Error> bad(const QString &path, const QString &what)
{
    return fail(ErrorCode::Corrupt, path + QStringLiteral(": ") + what);
}

Result<PriceEntry> parseEntry(const QJsonObject &object, const QString &path)
{
    KURA_TRY(Json::checkKnownKeys(object,
        { QStringLiteral("storage"), QStringLiteral("timing"), QStringLiteral("retentionDays"),
            QStringLiteral("pricePerGbMonth") },
        path));
    auto storageText = Json::stringField(object, QStringLiteral("storage"), path);
    KURA_TRY(storageText);
    const auto storage = storageFromName(*storageText);
    if (!storage)
        return bad(path + QStringLiteral(".storage"),
            QStringLiteral("\"%1\" is not a storage").arg(*storageText));
    auto timingText = Json::stringField(object, QStringLiteral("timing"), path);
    KURA_TRY(timingText);
    const auto timing = timingFromName(*timingText);
    if (!timing)
        return bad(path + QStringLiteral(".timing"),
            QStringLiteral("\"%1\" is not a timing").arg(*timingText));
    auto retention = Json::integerField(object, QStringLiteral("retentionDays"), path, 1, 3650);
    KURA_TRY(retention);
    auto price = Json::numberField(
        object, QStringLiteral("pricePerGbMonth"), path, 0.0, PriceTable::MaxPrice);
    KURA_TRY(price);
    return PriceEntry { Menu { *storage, *timing, int(*retention) }, *price };
}

Result<QString> parseHeader(const QJsonObject &root)
{
    KURA_TRY(Json::checkKnownKeys(root,
        { QStringLiteral("version"), QStringLiteral("currency"), QStringLiteral("unit"),
            QStringLiteral("prices") },
        QString()));
    KURA_TRY(Json::checkVersion(root, 1));
    auto unit = Json::stringField(root, QStringLiteral("unit"), QString());
    KURA_TRY(unit);
    if (*unit != QStringLiteral("GB-month"))
        return bad(QStringLiteral("unit"),
            QStringLiteral("\"%1\" is not supported (expected \"GB-month\")").arg(*unit));
    auto currency = Json::stringField(root, QStringLiteral("currency"), QString());
    KURA_TRY(currency);
    static const QRegularExpression code(QStringLiteral("^[A-Z]{3}$"));
    if (!code.match(*currency).hasMatch())
        return bad(QStringLiteral("currency"),
            QStringLiteral("\"%1\" is not an ISO 4217 code").arg(*currency));
    return *currency;
}

} // namespace

Menu menuOf(const Plan &plan)
{
    return Menu { plan.storage, plan.timing, plan.retentionDays };
}

QString menuKey(const Menu &menu)
{
    return QStringLiteral("%1/%2/%3")
        .arg(storageName(menu.storage), timingName(menu.timing))
        .arg(menu.retentionDays);
}

Result<PriceTable> PriceTable::fromJson(const QByteArray &json)
{
    auto root = Json::parseObject(json, MaxJsonBytes, QStringLiteral("price table"));
    KURA_TRY(root);
    auto currency = parseHeader(*root);
    KURA_TRY(currency);
    auto array = Json::arrayField(*root, QStringLiteral("prices"), MaxEntries);
    KURA_TRY(array);
    PriceTable table;
    table.m_currency = *currency;
    for (qsizetype i = 0; i < array->size(); ++i) {
        const QString path = QStringLiteral("prices[%1]").arg(i);
        auto object = Json::objectAt(*array, i, path);
        KURA_TRY(object);
        auto entry = parseEntry(*object, path);
        KURA_TRY(entry);
        if (table.pricePerGbMonth(entry->menu))
            return bad(path, QStringLiteral("menu %1 is listed twice").arg(menuKey(entry->menu)));
        table.m_entries.append(*entry);
    }
    return table;
}

std::optional<double> PriceTable::pricePerGbMonth(const Menu &menu) const
{
    for (const PriceEntry &entry : m_entries) {
        if (entry.menu == menu)
            return entry.pricePerGbMonth;
    }
    return std::nullopt;
}

} // namespace Kura::Policy
