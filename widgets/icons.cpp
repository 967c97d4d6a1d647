#include "icons.h"

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
QString fileName(Icon which)
{
    switch (which) {
    case Icon::App: return u"kura"_s;
    case Icon::Servers: return u"servers"_s;
    case Icon::Jobs: return u"jobs"_s;
    case Icon::Restore: return u"restore"_s;
    case Icon::Reports: return u"reports"_s;
    case Icon::Usage: return u"usage"_s;
    case Icon::Regions: return u"regions"_s;
    case Icon::DisasterRecovery: return u"dr"_s;
    case Icon::Settings: return u"settings"_s;
    case Icon::Protect: return u"protect"_s;
    case Icon::Unprotect: return u"unprotect"_s;
    case Icon::EditPlan: return u"editplan"_s;
    case Icon::BackupNow: return u"backupnow"_s;
    case Icon::Stop: return u"stop"_s;
    case Icon::Export: return u"export"_s;
    case Icon::Connect: return u"connect"_s;
    case Icon::Disconnect: return u"disconnect"_s;
    case Icon::Refresh: return u"refresh"_s;
    case Icon::Warning: return u"warning"_s;
    case Icon::Alerts: return u"alerts"_s;
    }
    return u"kura"_s;
}
} // namespace

QIcon icon(Icon which)
{
    return QIcon(u":/icons/%1.svg"_s.arg(fileName(which)));
}

} // namespace Kura::Widgets
