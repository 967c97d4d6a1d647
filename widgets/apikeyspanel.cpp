#include "apikeyspanel.h"

#include "icons.h"
#include "messages.h"

#include <modeltext.h>
#include <session.h>

#include <QApplication>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;

namespace {
enum KeyColumn { NameColumn, RoleColumn, UserColumn, CreatedColumn, LastUsedColumn, StateColumn, ColumnCount };
constexpr int MaxNameLength = 100;
} // namespace

ApiKeysPanel::ApiKeysPanel(Models::Session *session, QWidget *parent)
    : QGroupBox(parent)
    , m_session(session)
{
    setObjectName(u"apiKeysPanel"_s);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);
    m_note = new QLabel(this);
    m_note->setObjectName(u"apiKeysNote"_s);
    m_note->setWordWrap(true);
    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(u"apiKeysTable"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->setMinimumHeight(140);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &ApiKeysPanel::updateState);
    m_create = new QPushButton(icon(Icon::Connect), QString(), this);
    m_create->setObjectName(u"createApiKey"_s);
    m_revoke = new QPushButton(icon(Icon::Stop), QString(), this);
    m_revoke->setObjectName(u"revokeApiKey"_s);
    m_refresh = new QPushButton(icon(Icon::Refresh), QString(), this);
    m_refresh->setObjectName(u"refreshApiKeys"_s);
    connect(m_create, &QPushButton::clicked, this, &ApiKeysPanel::createKey);
    connect(m_revoke, &QPushButton::clicked, this, &ApiKeysPanel::revokeSelected);
    connect(m_refresh, &QPushButton::clicked, this, &ApiKeysPanel::refresh);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_create);
    buttons->addWidget(m_revoke);
    buttons->addStretch(1);
    buttons->addWidget(m_refresh);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addWidget(m_note);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(session, &Models::Session::stateChanged, this, [this](Models::Session::State state) {
        if (state == Models::Session::State::Connected && m_session->mayAdminister())
            refresh();
        else if (state == Models::Session::State::Disconnected)
            showKeys({});
        updateState();
    });
    retranslateUi();
}

void ApiKeysPanel::refresh()
{
    if (m_session->state() != Models::Session::State::Connected || !m_session->mayAdminister())
        return;
    m_session->client()->apiKeys(this, [this](ApiResult<QList<ApiKeyInfo>> result) {
        if (!result) {
            emit statusMessage(Models::errorText(result.error()));
            return;
        }
        showKeys(*result);
        emit keysLoaded();
    });
}

void ApiKeysPanel::showKeys(const QList<ApiKeyInfo> &keys)
{
    m_keys = keys;
    m_table->setRowCount(int(keys.size()));
    for (int row = 0; row < keys.size(); ++row) {
        const ApiKeyInfo &k = keys.at(row);
        const QStringList cells { k.name, roleLimitText(k.role), k.userName, Models::dateTimeText(k.createdAt),
                                  k.lastUsedAt.isValid() ? Models::dateTimeText(k.lastUsedAt) : tr("Never"),
                                  k.revoked ? tr("Revoked") : tr("Active") };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, k.id);
            if (k.revoked)
                item->setForeground(palette().brush(QPalette::Disabled, QPalette::Text));
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    updateState();
}

QString ApiKeysPanel::roleLimitText(const QString &role) const
{
    return role.isEmpty() ? tr("Its user's role") : Models::roleText(role);
}

void ApiKeysPanel::createKey()
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"apiKeyCreateDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Create API Key"));
    auto *name = new QLineEdit(dialog);
    name->setObjectName(u"apiKeyName"_s);
    name->setMaxLength(MaxNameLength);
    name->setPlaceholderText(tr("For example: nightly CI job"));
    auto *role = new QComboBox(dialog);
    role->setObjectName(u"apiKeyRole"_s);
    for (const QString &r : { u"viewer"_s, u"operator"_s, u"admin"_s })
        role->addItem(Models::roleText(r), r);
    auto *explain = new QLabel(tr("The key acts as you, but never does more than its role allows: viewers "
                                  "read, operators also run and stop backups and restores, administrators "
                                  "may do everything."),
                               dialog);
    explain->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("&Name:"), name);
    form->addRow(tr("&Role:"), role);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, dialog);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Create"));
    buttons->button(QDialogButtonBox::Ok)->setEnabled(false);
    connect(name, &QLineEdit::textChanged, dialog, [buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Ok)->setEnabled(!text.trimmed().isEmpty());
    });
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    connect(buttons, &QDialogButtonBox::accepted, dialog, [this, dialog, name, role] {
        create(name->text().trimmed(), role->currentData().toString());
        dialog->accept();
    });
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(explain);
    layout->addWidget(buttons);
    dialog->resize(440, dialog->sizeHint().height());
    dialog->open();
}

void ApiKeysPanel::create(const QString &name, const QString &role)
{
    m_session->client()->createApiKey(name, role, this, [this](ApiResult<ApiKeyInfo> result) {
        if (!result) {
            showError(this, tr("Create API Key"), Models::errorText(result.error()));
            return;
        }
        showSecret(*result);
        refresh();
    });
}

// The secret is in this dialog only: the server keeps its hash.
void ApiKeysPanel::showSecret(const ApiKeyInfo &key)
{
    auto *dialog = new QDialog(this);
    dialog->setObjectName(u"apiKeySecretDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("API Key \"%1\"").arg(key.name));
    auto *text = new QLabel(tr("Copy the key now: it is shown only this once. Use it as the bearer token "
                               "(kuractl --token, or the Authorization header)."),
                            dialog);
    text->setWordWrap(true);
    auto *secret = new QLineEdit(key.token, dialog);
    secret->setObjectName(u"apiKeySecret"_s);
    secret->setReadOnly(true);
    secret->setMinimumWidth(secret->fontMetrics().horizontalAdvance(key.token) + 24);
    auto *copy = new QPushButton(tr("&Copy"), dialog);
    copy->setObjectName(u"copyApiKey"_s);
    connect(copy, &QPushButton::clicked, dialog, [this, token = key.token] {
        QApplication::clipboard()->setText(token);
        emit statusMessage(tr("The API key is copied to the clipboard."));
    });
    auto *row = new QHBoxLayout;
    row->addWidget(secret, 1);
    row->addWidget(copy);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(text);
    layout->addLayout(row);
    layout->addWidget(buttons);
    dialog->open();
}

void ApiKeysPanel::revokeSelected()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return;
    const int row = selected.first()->row();
    if (row >= m_keys.size())
        return;
    const ApiKeyInfo key = m_keys.at(row);
    confirm(this, tr("Revoke API Key"),
            tr("Revoke the API key \"%1\"? Everything that uses it stops working at once.").arg(key.name),
            tr("Revoke"), [this, id = key.id, name = key.name] { revoke(id, name); });
}

void ApiKeysPanel::revoke(qint64 id, const QString &name)
{
    m_session->client()->revokeApiKey(id, this, [this, name](ApiResult<void> result) {
        if (!result) {
            showError(this, tr("Revoke API Key"), Models::errorText(result.error()));
            return;
        }
        emit statusMessage(tr("The API key \"%1\" is revoked.").arg(name));
        refresh();
    });
}

void ApiKeysPanel::updateState()
{
    const bool connected = m_session->state() == Models::Session::State::Connected;
    const bool admin = connected && m_session->mayAdminister();
    m_table->setVisible(admin);
    m_note->setVisible(!admin);
    m_note->setText(connected ? tr("Only administrators manage API keys.")
                              : tr("Connect to a server to manage its API keys."));
    m_create->setVisible(admin);
    m_revoke->setVisible(admin);
    m_refresh->setVisible(admin);
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    const int row = selected.isEmpty() ? -1 : selected.first()->row();
    m_revoke->setEnabled(admin && row >= 0 && row < m_keys.size() && !m_keys.at(row).revoked);
}

void ApiKeysPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QGroupBox::changeEvent(event);
}

void ApiKeysPanel::retranslateUi()
{
    setTitle(tr("API Keys"));
    m_intro->setText(tr("API keys let scripts and other programs use this server's API without a "
                        "password. Each key acts as the administrator who made it, limited to its role."));
    m_table->setHorizontalHeaderLabels({ tr("Name"), tr("Role"), tr("Made By"), tr("Created"), tr("Last Used"),
                                         tr("State") });
    m_create->setText(tr("&New Key..."));
    m_create->setToolTip(tr("Create an API key; its secret is shown once"));
    m_revoke->setText(tr("Re&voke..."));
    m_revoke->setToolTip(tr("Revoke the selected key; it stops working at once"));
    m_refresh->setText(tr("Re&fresh"));
    m_refresh->setToolTip(tr("Load the API keys from the server again"));
    showKeys(m_keys);
}

} // namespace Kura::Widgets
