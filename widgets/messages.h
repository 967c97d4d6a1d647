#pragma once

#include <QMessageBox>

#include <functional>

namespace Kura::Widgets {

// Message boxes that never block: each is opened with open() and deletes itself when closed.
// Tests find them by object name ("errorBox", "confirmBox") and click their buttons.
void showError(QWidget *parent, const QString &title, const QString &text);
// Asks a yes/no question; `onYes` runs when the user chooses `yesText`.
void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yesText,
             std::function<void()> onYes);

} // namespace Kura::Widgets
