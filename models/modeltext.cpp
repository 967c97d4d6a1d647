#include "modeltext.h"

#include <QLocale>
#include <QTimeZone>

using namespace Qt::StringLiterals;

namespace Kura::Models {

QString jobStateText(Client::JobState state)
{
    switch (state) {
    case Client::JobState::Queued: return Tr::tr("Queued");
    case Client::JobState::Running: return Tr::tr("Running");
    case Client::JobState::Succeeded: return Tr::tr("Succeeded");
    case Client::JobState::Failed: return Tr::tr("Failed");
    case Client::JobState::Stopped: return Tr::tr("Stopped");
    case Client::JobState::Cancelled: return Tr::tr("Cancelled");
    case Client::JobState::Interrupted: return Tr::tr("Interrupted");
    }
    return {};
}

QString jobKindText(const QString &kind)
{
    if (kind == u"file_backup"_s)
        return Tr::tr("File backup");
    if (kind == u"system_backup"_s)
        return Tr::tr("System backup");
    if (kind == u"file_restore"_s)
        return Tr::tr("File restore");
    if (kind == u"system_restore"_s)
        return Tr::tr("System restore");
    return kind;
}

QString backupContentText(const QString &content)
{
    if (content == u"files"_s)
        return Tr::tr("Files");
    if (content == u"system"_s)
        return Tr::tr("System image");
    return content;
}

QString triggerText(const QString &trigger)
{
    if (trigger == u"scheduled"_s)
        return Tr::tr("Scheduled");
    if (trigger == u"immediate"_s)
        return Tr::tr("Immediate");
    return trigger;
}

QString storageText(const QString &storage)
{
    if (storage == u"local"_s)
        return Tr::tr("Local");
    if (storage == u"double"_s)
        return Tr::tr("Double");
    return storage;
}

QString timingText(const QString &timing)
{
    if (timing == u"immediate"_s)
        return Tr::tr("On demand");
    if (timing == u"daily"_s)
        return Tr::tr("Daily");
    if (timing == u"weekly"_s)
        return Tr::tr("Weekly");
    return timing;
}

QString generationStatusText(const QString &status)
{
    if (status == u"running"_s)
        return Tr::tr("Running");
    if (status == u"complete"_s)
        return Tr::tr("Complete");
    if (status == u"failed"_s)
        return Tr::tr("Failed");
    return status;
}

QString copyStateText(const QString &state)
{
    if (state == u"pending"_s)
        return Tr::tr("Pending");
    if (state == u"copying"_s)
        return Tr::tr("Copying");
    if (state == u"complete"_s)
        return Tr::tr("Complete");
    if (state == u"failed"_s)
        return Tr::tr("Failed");
    return state;
}

QString alertKindText(const QString &kind)
{
    if (kind == u"overdue"_s)
        return Tr::tr("Backup overdue");
    if (kind == u"job_failed"_s)
        return Tr::tr("Job failed");
    if (kind == u"scheduled_refused"_s)
        return Tr::tr("Scheduled run refused");
    if (kind == u"replication_lag"_s)
        return Tr::tr("Replication behind");
    if (kind == u"region_failed"_s)
        return Tr::tr("Region failed");
    return kind;
}

QString alertStateText(const QString &state)
{
    if (state == u"open"_s)
        return Tr::tr("Open");
    if (state == u"acknowledged"_s)
        return Tr::tr("Acknowledged");
    if (state == u"resolved"_s)
        return Tr::tr("Resolved");
    return state;
}

QString regionStateText(const QString &state)
{
    if (state == u"ok"_s)
        return Tr::tr("Healthy");
    if (state == u"failed"_s)
        return Tr::tr("Failed", "storage state of a region");
    return state;
}

QString roleText(const QString &role)
{
    if (role == u"admin"_s)
        return Tr::tr("Administrator");
    if (role == u"operator"_s)
        return Tr::tr("Operator");
    if (role == u"viewer"_s)
        return Tr::tr("Viewer");
    return role;
}

QString eventLevelText(const QString &level)
{
    if (level == u"info"_s)
        return Tr::tr("Info");
    if (level == u"warning"_s)
        return Tr::tr("Warning");
    if (level == u"error"_s)
        return Tr::tr("Error");
    return level;
}

namespace {
QString hourRange(int startHour, int hours)
{
    return u"%1:00-%2:00"_s.arg(startHour, 2, 10, QLatin1Char('0'))
        .arg(startHour + hours, 2, 10, QLatin1Char('0'));
}
} // namespace

QString scheduleText(const Client::PlanInfo &plan)
{
    if (plan.timing == u"daily"_s)
        return Tr::tr("Daily, %1 UTC").arg(hourRange(plan.dailyWindow * 3, 3));
    if (plan.timing == u"weekly"_s) {
        const QString day = QLocale().dayName(qBound(1, plan.weekday, 7));
        //: %1 is a weekday, %2 a time range such as 08:00-16:00
        return Tr::tr("Weekly, %1 %2 UTC").arg(day, hourRange(plan.weeklyWindow * 8, 8));
    }
    return Tr::tr("On demand only");
}

QString retentionText(int days)
{
    return Tr::tr("%n day(s)", nullptr, days);
}

QString planText(const Client::PlanInfo &plan)
{
    //: Plan in one line: %1 storage, %2 schedule, %3 retention, %4 content
    return Tr::tr("%1 storage, %2, kept %3, %4")
        .arg(storageText(plan.storage), scheduleText(plan), retentionText(plan.retentionDays),
             backupContentText(plan.content));
}

QString dateTimeText(const QDateTime &time)
{
    if (!time.isValid())
        return {};
    return QLocale().toString(time.toLocalTime(), QLocale::ShortFormat);
}

QString durationText(qint64 seconds)
{
    if (seconds < 0)
        return {};
    if (seconds < 60)
        return Tr::tr("%1 s").arg(seconds);
    const qint64 minutes = seconds / 60;
    if (minutes < 60)
        return Tr::tr("%1 min %2 s").arg(minutes).arg(seconds % 60, 2, 10, QLatin1Char('0'));
    const qint64 hours = minutes / 60;
    if (hours < 48)
        return Tr::tr("%1 h %2 min").arg(hours).arg(minutes % 60, 2, 10, QLatin1Char('0'));
    return Tr::tr("%1 d %2 h").arg(hours / 24).arg(hours % 24);
}

QString rateText(double bytesPerSecond)
{
    if (bytesPerSecond < 0)
        return {};
    //: Transfer rate, %1 is a size such as "12.5 MB"
    return Tr::tr("%1/s").arg(QLocale().formattedDataSize(qint64(bytesPerSecond)));
}

QString sizeText(qint64 bytes)
{
    return QLocale().formattedDataSize(bytes);
}

QString countText(qint64 count)
{
    return QLocale().toString(count);
}

namespace {
QString refusalText(const Client::ApiError &error)
{
    const QString refusal = error.refusal();
    const QDateTime lifts = error.liftsAt();
    const QString when = dateTimeText(lifts);
    if (refusal == u"quota_exhausted"_s) {
        const int used = error.details.value(u"quotaUsed"_s).toInt();
        const int limit = error.details.value(u"quotaLimit"_s).toInt();
        return Tr::tr("The server has used %1 of %2 backups allowed in 24 hours. The next backup "
                      "is possible at %3.")
            .arg(used).arg(limit).arg(when);
    }
    if (refusal == u"backup_running"_s)
        return Tr::tr("A backup of this server is already queued or running (job %1).")
            .arg(error.details.value(u"blockingJobId"_s).toInteger());
    if (refusal == u"other_backup_kind_running"_s)
        return Tr::tr("A backup of the other kind is running on this server (job %1); system and "
                      "file backups never run together.")
            .arg(error.details.value(u"blockingJobId"_s).toInteger());
    if (refusal == u"restore_running"_s || refusal == u"system_restore_running"_s)
        return Tr::tr("A restore into this server is running (job %1).")
            .arg(error.details.value(u"blockingJobId"_s).toInteger());
    if (refusal == u"backup_running_on_target"_s)
        return Tr::tr("A backup of the target server is running (job %1).")
            .arg(error.details.value(u"blockingJobId"_s).toInteger());
    if (refusal == u"generations_locked"_s)
        return Tr::tr("Generations of this server are inside their minimum retention until %1 "
                      "and cannot be deleted before.")
            .arg(when);
    if (refusal == u"scheduled_run_without_schedule"_s)
        return Tr::tr("The plan of this server has no schedule.");
    return {};
}
} // namespace

QString errorText(const Client::ApiError &error)
{
    const QString refusal = refusalText(error);
    if (!refusal.isEmpty())
        return refusal;
    switch (error.code) {
    case ErrorCode::Unavailable:
        if (error.isTransport())
            return Tr::tr("The server cannot be reached: %1").arg(error.message);
        return Tr::tr("The server cannot do this now: %1").arg(error.message);
    case ErrorCode::Unauthorized:
        if (error.isTransport())
            return Tr::tr("The server's certificate is not trusted: %1").arg(error.message);
        return Tr::tr("The tenant, user or password is wrong, or the session has expired.");
    case ErrorCode::Forbidden:
        return Tr::tr("Your role does not allow this.");
    case ErrorCode::NotFound:
        return Tr::tr("It no longer exists on the server.");
    case ErrorCode::Cancelled:
        return Tr::tr("The request was cancelled.");
    case ErrorCode::InvalidArgument:
        if (!error.field().isEmpty())
            return Tr::tr("The server refused the value of \"%1\": %2").arg(error.field(), error.message);
        break;
    case ErrorCode::Conflict:
        return Tr::tr("The server's state does not allow this now: %1").arg(error.message);
    default:
        break;
    }
    return Tr::tr("The server reported an error (%1): %2").arg(error.codeName, error.message);
}

} // namespace Kura::Models
