#pragma once

#include <api/client/apitypes.h>

#include <QCoreApplication>
#include <QDateTime>
#include <QString>

// Translated texts for the API's stable names and values, shared by every model and the views.
// Models return raw values in their roles and these texts in Qt::DisplayRole; nothing compares
// against a translated string. All functions read QLocale() (the language in effect) at call
// time, so calling them again after a language switch gives the new language.
namespace Kura::Models {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Kura::Models)
};

namespace Client = Kura::Api::Client;

QString jobStateText(Client::JobState state);
QString jobKindText(const QString &kind);           // "file_backup", ...
QString backupContentText(const QString &content);  // "files" or "system"
QString triggerText(const QString &trigger);        // "scheduled" or "immediate"
QString storageText(const QString &storage);        // "local" or "double"
QString timingText(const QString &timing);          // "immediate", "daily", "weekly"
QString generationStatusText(const QString &status); // "running", "complete", "failed"
QString copyStateText(const QString &state);        // "pending", "copying", ...
QString alertKindText(const QString &kind);
QString alertStateText(const QString &state);
QString regionStateText(const QString &state);      // "ok" or "failed"
QString roleText(const QString &role);              // "admin", "operator", "viewer"
QString eventLevelText(const QString &level);       // "info", "warning", "error"

// "Daily, 03:00-06:00 UTC" / "Weekly, Monday 08:00-16:00 UTC" / "On demand only".
QString scheduleText(const Client::PlanInfo &plan);
// The whole plan in one line: storage, schedule, retention and content.
QString planText(const Client::PlanInfo &plan);
// "%n day(s)".
QString retentionText(int days);

// Local date and time in the locale's short format; empty for an invalid time.
QString dateTimeText(const QDateTime &time);
// "1 h 05 min", "42 s"; empty for a negative value.
QString durationText(qint64 seconds);
// "12.5 MB/s" style, from the locale; empty for a negative rate.
QString rateText(double bytesPerSecond);
QString sizeText(qint64 bytes);
QString countText(qint64 count);

// A translated sentence for a failed call: from the error code and details (refusal names,
// when it lifts, the field), never from the English message alone. The English message is
// appended for codes the console does not know.
QString errorText(const Client::ApiError &error);

} // namespace Kura::Models
