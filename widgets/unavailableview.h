#pragma once

#include <QWidget>

#include <functional>

class QLabel;

namespace Kura::Widgets {

// A page whose feature this console cannot offer yet: it says so plainly (title and reason),
// instead of showing an empty view. The texts come from functions so they follow a language
// switch.
class UnavailableView : public QWidget
{
    Q_OBJECT

public:
    UnavailableView(std::function<QString()> title, std::function<QString()> reason,
                    QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    std::function<QString()> m_titleText;
    std::function<QString()> m_reasonText;
    QLabel *m_title = nullptr;
    QLabel *m_reason = nullptr;
};

} // namespace Kura::Widgets
