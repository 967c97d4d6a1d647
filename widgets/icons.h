#pragma once

#include <QIcon>

namespace Kura::Widgets {

// The console's icon set (resources/icons/*.svg, one drawing style: 24 px grid, 1.8 px strokes,
// one colour). Built into kura_widgets under ":/icons/".
enum class Icon {
    App,
    Servers,
    Jobs,
    Restore,
    Reports,
    Usage,
    Regions,
    DisasterRecovery,
    Settings,
    Protect,
    Unprotect,
    EditPlan,
    BackupNow,
    Stop,
    Export,
    Connect,
    Disconnect,
    Refresh,
    Warning,
    Alerts,
};

QIcon icon(Icon which);

} // namespace Kura::Widgets
