#include "connectionbanner.h"

#include "icons.h"

#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

ConnectionBanner::ConnectionBanner(QWidget *parent)
    : QFrame(parent)
{
    setObjectName(u"connectionBanner"_s);
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    QPalette banner = palette();
    banner.setColor(QPalette::Window, QColor(0xff, 0xf0, 0xc8));
    banner.setColor(QPalette::WindowText, QColor(0x4a, 0x32, 0x00));
    setPalette(banner);

    m_icon = new QLabel(this);
    m_icon->setPixmap(icon(Icon::Warning).pixmap(24, 24));
    m_text = new QLabel(this);
    m_text->setObjectName(u"connectionBannerText"_s);
    m_text->setWordWrap(true);
    m_text->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_retry = new QPushButton(this);
    m_retry->setObjectName(u"connectionBannerRetry"_s);
    m_retry->setIcon(icon(Icon::Refresh));
    connect(m_retry, &QPushButton::clicked, this, &ConnectionBanner::retryRequested);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 6, 8, 6);
    layout->addWidget(m_icon);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_retry);
    retranslateUi();
    hide();
}

void ConnectionBanner::showLost(const QString &serverUrl, const QString &reason, int retryInSeconds)
{
    m_url = serverUrl;
    m_reason = reason;
    m_retryInSeconds = retryInSeconds;
    retranslateUi();
    show();
}

void ConnectionBanner::hideBanner()
{
    hide();
}

QString ConnectionBanner::text() const
{
    return m_text->text();
}

void ConnectionBanner::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QFrame::changeEvent(event);
}

void ConnectionBanner::retranslateUi()
{
    QString sentence = tr("The connection to the server \"%1\" is lost: %2").arg(m_url, m_reason);
    if (m_retryInSeconds >= 0) {
        sentence += u' ';
        sentence += tr("Trying again in %n second(s).", nullptr, m_retryInSeconds);
    }
    m_text->setText(sentence);
    m_retry->setText(tr("Try Again Now"));
    m_retry->setToolTip(tr("Connect to the server again without waiting"));
}

} // namespace Kura::Widgets
