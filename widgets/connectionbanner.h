#pragma once

#include <QFrame>

class QLabel;
class QPushButton;

namespace Kura::Widgets {

// A warning strip above the views, shown while the console has lost its server: it names the
// server and why, and offers to try again at once. Hidden while the connection is fine.
class ConnectionBanner : public QFrame
{
    Q_OBJECT

public:
    explicit ConnectionBanner(QWidget *parent = nullptr);

    // Shows the banner for `serverUrl`; `reason` is an already translated sentence (for
    // example "Connection refused."). `retryInSeconds` < 0: no automatic retry is planned.
    void showLost(const QString &serverUrl, const QString &reason, int retryInSeconds);
    void hideBanner();

    QString text() const;

signals:
    void retryRequested();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslateUi();

    QLabel *m_icon = nullptr;
    QLabel *m_text = nullptr;
    QPushButton *m_retry = nullptr;
    QString m_url;
    QString m_reason;
    int m_retryInSeconds = -1;
};

} // namespace Kura::Widgets
