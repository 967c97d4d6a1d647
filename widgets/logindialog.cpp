#include "logindialog.h"

#include "icons.h"

#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

namespace {
const QString UrlKey = u"login/url"_s;
const QString TenantKey = u"login/tenant"_s;
const QString UserKey = u"login/user"_s;
} // namespace

LoginDialog::LoginDialog(QWidget *parent)
    : QDialog(parent)
{
    setObjectName(u"loginDialog"_s);
    setWindowIcon(icon(Icon::Connect));
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_url = new QLineEdit(this);
    m_url->setObjectName(u"loginUrl"_s);
    m_url->setPlaceholderText(u"https://backup.example.com:8640"_s);
    m_tenant = new QLineEdit(this);
    m_tenant->setObjectName(u"loginTenant"_s);
    m_user = new QLineEdit(this);
    m_user->setObjectName(u"loginUser"_s);
    m_password = new QLineEdit(this);
    m_password->setObjectName(u"loginPassword"_s);
    m_password->setEchoMode(QLineEdit::Password);
    m_error = new QLabel(this);
    m_error->setObjectName(u"loginError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #a01818;"_s);
    m_error->hide();

    m_urlLabel = new QLabel(this);
    m_tenantLabel = new QLabel(this);
    m_userLabel = new QLabel(this);
    m_passwordLabel = new QLabel(this);
    m_urlLabel->setBuddy(m_url);
    m_tenantLabel->setBuddy(m_tenant);
    m_userLabel->setBuddy(m_user);
    m_passwordLabel->setBuddy(m_password);

    auto *form = new QFormLayout;
    form->addRow(m_urlLabel, m_url);
    form->addRow(m_tenantLabel, m_tenant);
    form->addRow(m_userLabel, m_user);
    form->addRow(m_passwordLabel, m_password);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_login = m_buttons->addButton(QString(), QDialogButtonBox::AcceptRole);
    m_login->setObjectName(u"loginButton"_s);
    m_login->setDefault(true);
    m_local = m_buttons->addButton(QString(), QDialogButtonBox::ActionRole);
    m_local->setObjectName(u"localServerButton"_s);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_login, &QPushButton::clicked, this, &LoginDialog::submit);
    connect(m_local, &QPushButton::clicked, this, &LoginDialog::localServerRequested);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    for (QLineEdit *edit : { m_url, m_tenant, m_user, m_password })
        connect(edit, &QLineEdit::textChanged, this, &LoginDialog::updateState);
    setTabOrder(m_url, m_tenant);
    setTabOrder(m_tenant, m_user);
    setTabOrder(m_user, m_password);
    setTabOrder(m_password, m_login);

    QSettings settings;
    setParameters(QUrl(settings.value(UrlKey).toString()), settings.value(TenantKey).toString(),
                  settings.value(UserKey).toString());
    retranslateUi();
    setMinimumWidth(460);
}

void LoginDialog::setParameters(const QUrl &url, const QString &tenant, const QString &user)
{
    m_url->setText(url.toString());
    m_tenant->setText(tenant);
    m_user->setText(user);
    QLineEdit *first = m_url;
    for (QLineEdit *edit : { m_url, m_tenant, m_user, m_password }) {
        if (edit->text().isEmpty()) {
            first = edit;
            break;
        }
    }
    first->setFocus();
    updateState();
}

LoginParameters LoginDialog::parameters() const
{
    return { QUrl(m_url->text().trimmed()), m_tenant->text().trimmed(), m_user->text().trimmed(),
             m_password->text() };
}

void LoginDialog::setLocalServerAvailable(bool available, const QString &reason)
{
    m_localAvailable = available;
    m_localReason = reason;
    updateState();
}

void LoginDialog::setBusy(bool busy)
{
    m_busy = busy;
    if (busy)
        m_error->hide();
    updateState();
}

void LoginDialog::showError(const QString &message)
{
    m_busy = false;
    m_error->setText(message);
    m_error->show();
    updateState();
    m_password->setFocus();
    m_password->selectAll();
}

QString LoginDialog::errorText() const
{
    return m_error->isVisible() ? m_error->text() : QString();
}

QString LoginDialog::validationProblem() const
{
    const LoginParameters p = parameters();
    if (m_url->text().trimmed().isEmpty())
        return tr("Enter the address of the server.");
    if (!p.url.isValid() || p.url.host().isEmpty()
        || (p.url.scheme() != u"http"_s && p.url.scheme() != u"https"_s))
        return tr("The address must start with http:// or https:// and name a host.");
    if (p.tenant.isEmpty())
        return tr("Enter the tenant.");
    if (p.user.isEmpty())
        return tr("Enter the user name.");
    if (p.password.isEmpty())
        return tr("Enter the password.");
    return {};
}

void LoginDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void LoginDialog::retranslateUi()
{
    setWindowTitle(tr("Connect to Server"));
    m_intro->setText(tr("Log in to a Kura backup server. Your role in the tenant decides what you "
                        "can change."));
    m_urlLabel->setText(tr("&Address:"));
    m_tenantLabel->setText(tr("&Tenant:"));
    m_userLabel->setText(tr("&User:"));
    m_passwordLabel->setText(tr("&Password:"));
    m_url->setToolTip(tr("The server's address with http:// or https:// and the port"));
    m_tenant->setToolTip(tr("The tenant whose servers you manage"));
    m_login->setText(tr("&Log In"));
    m_local->setText(tr("Use &Local Server"));
    updateState();
}

void LoginDialog::updateState()
{
    const QString problem = validationProblem();
    m_login->setEnabled(!m_busy && problem.isEmpty());
    m_login->setToolTip(problem);
    m_local->setEnabled(!m_busy && m_localAvailable);
    m_local->setToolTip(m_localAvailable ? tr("Start the embedded server on this computer and "
                                              "manage this computer's backups")
                                         : m_localReason);
    for (QLineEdit *edit : { m_url, m_tenant, m_user, m_password })
        edit->setEnabled(!m_busy);
}

void LoginDialog::submit()
{
    if (!validationProblem().isEmpty() || m_busy)
        return;
    const LoginParameters p = parameters();
    QSettings settings;
    settings.setValue(UrlKey, p.url.toString());
    settings.setValue(TenantKey, p.tenant);
    settings.setValue(UserKey, p.user);
    setBusy(true);
    emit loginRequested(p);
}

} // namespace Kura::Widgets
