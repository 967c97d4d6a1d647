#include "messages.h"

#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

void showError(QWidget *parent, const QString &title, const QString &text)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Close, parent);
    box->setObjectName(u"errorBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

void confirm(QWidget *parent, const QString &title, const QString &text, const QString &yesText,
             std::function<void()> onYes)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Cancel, parent);
    box->setObjectName(u"confirmBox"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QPushButton *yes = box->addButton(yesText, QMessageBox::DestructiveRole);
    yes->setObjectName(u"confirmYes"_s);
    box->setDefaultButton(QMessageBox::Cancel);
    QObject::connect(box, &QMessageBox::buttonClicked, box, [box, yes, onYes](QAbstractButton *button) {
        if (button == yes)
            onYes();
        box->close();
    });
    box->open();
}

} // namespace Kura::Widgets
