#pragma once

#include <policy/types.h>

#include <QString>

namespace Kura::Catalog {

// A short, stable, untranslated description of a plan's menu, stored with every job and
// generation so that reports show the plan a job ran under even after the plan changed.
// Examples: "local/immediate/7d/files", "double/daily 03-06/30d/system",
// "local/weekly mon 08-16/365d/files" (windows in UTC hours).
QString planSummary(const Policy::Plan &plan);

} // namespace Kura::Catalog
