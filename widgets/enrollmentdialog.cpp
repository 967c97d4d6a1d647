#include "enrollmentdialog.h"

#include "icons.h"
#include "messages.h"

#include <modeltext.h>
#include <regionsmodel.h>
#include <serversmodel.h>
#include <session.h>

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QEvent>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;

namespace {
enum TokenColumn { IdColumn, RegionColumn, StateColumn, CreatedColumn, ExpiresColumn, ServerColumn, ColumnCount };
constexpr int DefaultHours = 24;
constexpr int MaxHours = 720;
} // namespace

EnrollmentDialog::EnrollmentDialog(Models::Session *session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
{
    setObjectName(u"enrollmentDialog"_s);
    m_intro = new QLabel(this);
    m_intro->setWordWrap(true);

    m_region = new QComboBox(this);
    m_region->setObjectName(u"enrollRegion"_s);
    m_regionLabel = new QLabel(this);
    m_regionLabel->setBuddy(m_region);
    m_hours = new QSpinBox(this);
    m_hours->setObjectName(u"enrollHours"_s);
    m_hours->setRange(1, MaxHours);
    m_hours->setValue(DefaultHours);
    m_hoursLabel = new QLabel(this);
    m_hoursLabel->setBuddy(m_hours);
    m_create = new QPushButton(icon(Icon::Connect), QString(), this);
    m_create->setObjectName(u"enrollCreate"_s);
    m_create->setAutoDefault(false);
    connect(m_create, &QPushButton::clicked, this, &EnrollmentDialog::createToken);
    auto *form = new QFormLayout;
    form->addRow(m_regionLabel, m_region);
    form->addRow(m_hoursLabel, m_hours);
    auto *createRow = new QHBoxLayout;
    createRow->addStretch(1);
    createRow->addWidget(m_create);
    form->addRow(createRow);

    m_createdGroup = new QGroupBox(this);
    m_createdGroup->setObjectName(u"enrollCreated"_s);
    m_createdSummary = new QLabel(m_createdGroup);
    m_createdSummary->setWordWrap(true);
    m_token = new QLineEdit(m_createdGroup);
    m_token->setObjectName(u"enrollToken"_s);
    m_token->setReadOnly(true);
    m_tokenLabel = new QLabel(m_createdGroup);
    m_tokenLabel->setBuddy(m_token);
    m_save = new QPushButton(icon(Icon::Export), QString(), m_createdGroup);
    m_save->setObjectName(u"enrollSavePackage"_s);
    m_save->setAutoDefault(false);
    connect(m_save, &QPushButton::clicked, this, &EnrollmentDialog::savePackage);
    m_next = new QLabel(m_createdGroup);
    m_next->setWordWrap(true);
    m_next->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *tokenRow = new QHBoxLayout;
    tokenRow->addWidget(m_tokenLabel);
    tokenRow->addWidget(m_token, 1);
    tokenRow->addWidget(m_save);
    auto *createdLayout = new QVBoxLayout(m_createdGroup);
    createdLayout->addWidget(m_createdSummary);
    createdLayout->addLayout(tokenRow);
    createdLayout->addWidget(m_next);
    m_createdGroup->setVisible(false);

    m_error = new QLabel(this);
    m_error->setObjectName(u"enrollError"_s);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(u"color: #a01818;"_s);
    m_error->setVisible(false);

    m_tokensGroup = new QGroupBox(this);
    m_table = new QTableWidget(0, ColumnCount, m_tokensGroup);
    m_table->setObjectName(u"enrollTokens"_s);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &EnrollmentDialog::updateButtons);
    m_revoke = new QPushButton(icon(Icon::Stop), QString(), m_tokensGroup);
    m_revoke->setObjectName(u"enrollRevoke"_s);
    m_revoke->setAutoDefault(false);
    connect(m_revoke, &QPushButton::clicked, this, &EnrollmentDialog::revokeSelected);
    auto *tokensButtons = new QHBoxLayout;
    tokensButtons->addWidget(m_revoke);
    tokensButtons->addStretch(1);
    auto *tokensLayout = new QVBoxLayout(m_tokensGroup);
    tokensLayout->addWidget(m_table, 1);
    tokensLayout->addLayout(tokensButtons);

    m_buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_intro);
    layout->addLayout(form);
    layout->addWidget(m_error);
    layout->addWidget(m_createdGroup);
    layout->addWidget(m_tokensGroup, 1);
    layout->addWidget(m_buttons);
    resize(720, 560);

    connect(session->regions(), &QAbstractItemModel::modelReset, this, &EnrollmentDialog::fillRegions);
    connect(session->regions(), &Models::KeyedTableModel::updated, this, &EnrollmentDialog::fillRegions);
    retranslateUi();
    fillRegions();
    if (m_region->count() == 0)
        session->refreshRegions();
    refreshTokens();
}

// Regions with backup service only: the server refuses tokens for the others.
void EnrollmentDialog::fillRegions()
{
    const QString current = m_region->currentData().toString();
    QStringList names;
    auto *regions = m_session->regions();
    for (int row = 0; row < regions->rowCount(); ++row) {
        const QString name = regions->index(row, 0).data(Models::RegionsModel::NameRole).toString();
        const auto region = regions->region(name);
        if (region && region->backupService)
            names << name;
    }
    names.sort();
    QStringList shown;
    for (int i = 0; i < m_region->count(); ++i)
        shown << m_region->itemData(i).toString();
    if (shown == names)
        return;
    m_region->clear();
    for (const QString &name : std::as_const(names))
        m_region->addItem(name, name);
    int keep = m_region->findData(current);
    if (keep < 0) {
        // First choice: the region most of the tenant's servers are in.
        QHash<QString, int> counts;
        const auto *servers = m_session->servers();
        for (int row = 0; row < servers->rowCount(); ++row)
            ++counts[servers->serverAt(row).region];
        int best = 0;
        for (int i = 0; i < m_region->count(); ++i) {
            const int count = counts.value(m_region->itemData(i).toString());
            if (count > best) {
                best = count;
                keep = i;
            }
        }
    }
    if (keep >= 0)
        m_region->setCurrentIndex(keep);
    updateButtons();
}

void EnrollmentDialog::createToken()
{
    const QString region = m_region->currentData().toString();
    if (region.isEmpty())
        return;
    m_error->setVisible(false);
    m_create->setEnabled(false);
    m_session->client()->createEnrollmentToken(region, m_hours->value(), this,
        [this](ApiResult<EnrollmentToken> result) {
            updateButtons();
            if (!result) {
                showError(Models::errorText(result.error()));
                return;
            }
            m_created = *result;
            m_saved = false;
            m_token->setText(m_created.token);
            m_createdGroup->setVisible(true);
            retranslateUi();
            refreshTokens();
        });
}

void EnrollmentDialog::savePackage()
{
    if (m_created.package.isEmpty())
        return;
    auto *dialog = new QFileDialog(this, tr("Save Agent Package"),
        QDir::home().filePath(u"kura-agent-%1-%2.zip"_s.arg(m_created.region).arg(m_created.id)),
        tr("Agent packages (*.zip)"));
    dialog->setObjectName(u"savePackageDialog"_s);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(u"zip"_s);
    connect(dialog, &QFileDialog::fileSelected, this, [this](const QString &path) { savePackageTo(path); });
    dialog->open();
}

bool EnrollmentDialog::savePackageTo(const QString &path)
{
    if (m_created.package.isEmpty())
        return false;
    QSaveFile file(path);
    bool written = file.open(QIODevice::WriteOnly) && file.write(m_created.package) == m_created.package.size();
    // The package holds the enrollment secret: readable by its owner only.
    written = written && file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner) && file.commit();
    if (!written) {
        showError(tr("The agent package cannot be saved to \"%1\": %2").arg(QDir::toNativeSeparators(path), file.errorString()));
        return false;
    }
    m_saved = true;
    m_error->setVisible(false);
    m_next->setText(tr("Saved to \"%1\". Copy it to the new server and run there:\n"
                       "kura-agent enroll --package %2")
                        .arg(QDir::toNativeSeparators(path), QFileInfo(path).fileName()));
    return true;
}

void EnrollmentDialog::refreshTokens()
{
    m_session->client()->enrollmentTokens(0, this, [this](ApiResult<QList<EnrollmentToken>> result) {
        if (!result) {
            showError(Models::errorText(result.error()));
            return;
        }
        showTokens(*result);
        emit tokensChanged();
    });
}

void EnrollmentDialog::showTokens(const QList<EnrollmentToken> &tokens)
{
    m_tokens = tokens;
    m_table->setRowCount(int(tokens.size()));
    for (int row = 0; row < tokens.size(); ++row) {
        const EnrollmentToken &t = tokens.at(row);
        const QStringList cells { QString::number(t.id), t.region, stateText(t.state),
            Models::dateTimeText(t.createdAt), Models::dateTimeText(t.expiresAt),
            t.usedByServerId ? m_session->servers()->nameOf(*t.usedByServerId) : QString() };
        for (int column = 0; column < ColumnCount; ++column) {
            auto *item = new QTableWidgetItem(cells.at(column));
            item->setData(Qt::UserRole, t.id);
            m_table->setItem(row, column, item);
        }
    }
    m_table->resizeColumnsToContents();
    updateButtons();
}

void EnrollmentDialog::revokeSelected()
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return;
    const qint64 id = selected.first()->data(Qt::UserRole).toLongLong();
    confirm(this, tr("Revoke Enrollment Token"),
            tr("Revoke enrollment token %1? No agent can enroll with it afterwards.").arg(id),
            tr("Revoke"), [this, id] {
                m_session->client()->revokeEnrollmentToken(id, this, [this](ApiResult<void> result) {
                    if (!result)
                        showError(Models::errorText(result.error()));
                    refreshTokens();
                });
            });
}

void EnrollmentDialog::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(true);
}

void EnrollmentDialog::updateButtons()
{
    m_create->setEnabled(m_region->count() > 0);
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    bool unused = false;
    if (!selected.isEmpty()) {
        const int row = selected.first()->row();
        unused = row < m_tokens.size() && m_tokens.at(row).state != u"used"_s;
    }
    m_revoke->setEnabled(unused);
}

QString EnrollmentDialog::stateText(const QString &state) const
{
    if (state == u"active"_s)
        return tr("Active");
    if (state == u"used"_s)
        return tr("Used");
    if (state == u"expired"_s)
        return tr("Expired");
    return state;
}

void EnrollmentDialog::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QDialog::changeEvent(event);
}

void EnrollmentDialog::retranslateUi()
{
    setWindowTitle(tr("Enroll a Server"));
    m_intro->setText(tr("A new server joins with a one-time enrollment token. Create a token for "
                        "the server's region, save the agent package and run the agent's "
                        "enrollment with it on the new server; it then appears in the server "
                        "list as unprotected."));
    m_regionLabel->setText(tr("&Region:"));
    m_region->setToolTip(tr("The region the new server is in; only regions with backup service are offered"));
    m_hoursLabel->setText(tr("&Valid for:"));
    m_hours->setSuffix(tr(" hours"));
    m_hours->setToolTip(tr("How long the token works (1 to 720 hours)"));
    m_create->setText(tr("&Create Token"));
    m_create->setToolTip(tr("Create a one-time enrollment token and its agent package"));
    m_createdGroup->setTitle(tr("New token"));
    if (m_created.id != 0)
        m_createdSummary->setText(tr("Token %1 for region %2 works until %3. It is shown only now: "
                                     "save the agent package before closing this dialog.")
                                      .arg(m_created.id)
                                      .arg(m_created.region, Models::dateTimeText(m_created.expiresAt)));
    m_tokenLabel->setText(tr("&Token:"));
    m_save->setText(tr("&Save Package..."));
    m_save->setToolTip(tr("Save the agent package (a ZIP with the server's addresses, its "
                          "certificate fingerprint and the token)"));
    if (!m_saved)
        m_next->setText(tr("On the new server, run: kura-agent enroll --package FILE"));
    m_tokensGroup->setTitle(tr("Enrollment tokens"));
    m_table->setHorizontalHeaderLabels({ tr("ID"), tr("Region"), tr("State"), tr("Created"), tr("Expires"),
                                         tr("Enrolled Server") });
    m_revoke->setText(tr("Re&voke..."));
    m_revoke->setToolTip(tr("Revoke the selected unused token"));
    for (int row = 0; row < m_tokens.size() && row < m_table->rowCount(); ++row)
        if (auto *item = m_table->item(row, StateColumn))
            item->setText(stateText(m_tokens.at(row).state));
}

} // namespace Kura::Widgets
