#pragma once

#include "types.h"

#include <core/error.h>

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

// The menu of SPEC §10 (storage × timing × retention) and the price table keyed by it.
namespace Kura::Policy {

// What a server is billed for: the part of its plan that the price depends on.
struct Menu
{
    Storage storage = Storage::Local;
    Timing timing = Timing::Immediate;
    int retentionDays = 7;

    bool operator==(const Menu &) const = default;
};

Menu menuOf(const Plan &plan);

// "double/daily/30": a stable key for logs, errors and CSV.
QString menuKey(const Menu &menu);

struct PriceEntry
{
    Menu menu;
    double pricePerGbMonth = 0; // in the table's currency, per 10^9 bytes and month
};

// An immutable, validated price table. JSON form (see resources/prices.json):
//   { "version": 1, "currency": "JPY", "unit": "GB-month",
//     "prices": [ { "storage": "local", "timing": "daily", "retentionDays": 7,
//                   "pricePerGbMonth": 9.5 }, ... ] }
// A menu may be missing (it is then not sold); a menu listed twice is an error.
class PriceTable
{
public:
    static constexpr qsizetype MaxJsonBytes = 1024 * 1024;
    static constexpr qsizetype MaxEntries = 1000;
    static constexpr double MaxPrice = 1000000.0;

    PriceTable() = default;

    // Parses and validates `json`. Errors are ErrorCode::Corrupt naming the bad field (for
    // example `prices[4].timing: "hourly" is not a timing`); an unknown version is Unsupported.
    static Result<PriceTable> fromJson(const QByteArray &json);

    QString currency() const { return m_currency; }
    QList<PriceEntry> entries() const { return m_entries; }

    // The unit price of `menu`, or nullopt when the table does not sell it.
    std::optional<double> pricePerGbMonth(const Menu &menu) const;

private:
    QString m_currency;
    QList<PriceEntry> m_entries;
};

} // namespace Kura::Policy
