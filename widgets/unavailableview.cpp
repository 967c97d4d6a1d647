#include "unavailableview.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace Kura::Widgets {

UnavailableView::UnavailableView(std::function<QString()> title, std::function<QString()> reason,
                                 QWidget *parent)
    : QWidget(parent)
    , m_titleText(std::move(title))
    , m_reasonText(std::move(reason))
{
    m_title = new QLabel(this);
    QFont font = m_title->font();
    font.setPointSizeF(font.pointSizeF() * 1.3);
    font.setBold(true);
    m_title->setFont(font);
    m_reason = new QLabel(this);
    m_reason->setWordWrap(true);
    m_reason->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 24);
    layout->addWidget(m_title);
    layout->addWidget(m_reason);
    layout->addStretch(1);
    retranslateUi();
}

void UnavailableView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void UnavailableView::retranslateUi()
{
    m_title->setText(m_titleText());
    m_reason->setText(m_reasonText());
}

} // namespace Kura::Widgets
