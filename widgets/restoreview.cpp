#include "restoreview.h"

#include "icons.h"
#include "kindiconproxy.h"
#include "messages.h"
#include "restorefolderdialog.h"
#include "restoresearchpanel.h"
#include "tablesupport.h"

#include <generationsmodel.h>
#include <jobsmodel.h>
#include <modeltext.h>
#include <restoresearchmodel.h>
#include <restoreselectionmodel.h>
#include <restoretargetsmodel.h>
#include <restoretreemodel.h>
#include <serversmodel.h>
#include <session.h>

#include <QButtonGroup>
#include <QComboBox>
#include <QDropEvent>
#include <QMimeData>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QShowEvent>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTreeView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace Kura::Widgets {

using namespace Api::Client;
using Models::GenerationsModel;
using Models::RestoreTreeModel;

namespace {
const char *const OverwriteNames[] = { "skip", "overwrite", "keep_both" };
} // namespace

RestoreView::RestoreView(Models::Session *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_generations(new GenerationsModel(this))
    , m_treeModel(new RestoreTreeModel(this))
    , m_treeFilter(new KindIconProxy(RestoreTreeModel::Name, RestoreTreeModel::KindRole, this))
    , m_selection(new Models::RestoreSelectionModel(this))
    , m_targets(new Models::RestoreTargetsModel(this))
    , m_searchModel(new Models::RestoreSearchModel(this))
{
    setObjectName(u"restoreView"_s);
    m_treeFilter->setSourceModel(m_treeModel);

    m_server = new QComboBox(this);
    m_server->setObjectName(u"restoreServer"_s);
    m_server->setModel(session->servers());
    m_server->setModelColumn(Models::ServersModel::Name);
    m_server->setMinimumContentsLength(24);
    m_serverLabel = new QLabel(this);
    m_serverLabel->setBuddy(m_server);
    auto *serverRow = new QHBoxLayout;
    serverRow->addWidget(m_serverLabel);
    serverRow->addWidget(m_server);
    serverRow->addStretch(1);

    m_generationsLabel = new QLabel(this);
    m_generationsTable = new QTableView(this);
    m_generationsTable->setObjectName(u"restoreGenerations"_s);
    m_generationsTable->setModel(m_generations);
    m_generationsLabel->setBuddy(m_generationsTable);
    if (!(new TableSupport(m_generationsTable, u"restoreGenerations"_s))->restore())
        m_generationsTable->sortByColumn(GenerationsModel::Start, Qt::DescendingOrder);
    for (int column : { GenerationsModel::End, GenerationsModel::Plan, GenerationsModel::NewBytes })
        m_generationsTable->hideColumn(column);
    m_generationNote = new QLabel(this);
    m_generationNote->setWordWrap(true);
    m_generationNote->hide();
    auto *generationsPane = new QWidget(this);
    auto *generationsLayout = new QVBoxLayout(generationsPane);
    generationsLayout->setContentsMargins(0, 0, 0, 0);
    generationsLayout->addWidget(m_generationsLabel);
    generationsLayout->addWidget(m_generationsTable, 1);
    generationsLayout->addWidget(m_generationNote);

    m_search = new QLineEdit(this);
    m_search->setObjectName(u"restoreSearch"_s);
    m_search->setClearButtonEnabled(true);
    m_searchNote = new QLabel(this);
    m_searchNote->setWordWrap(true);
    m_searchNote->hide(); // while searching
    m_tree = new QTreeView(this);
    m_tree->setObjectName(u"restoreTree"_s);
    m_tree->setModel(m_treeFilter);
    m_tree->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setDefaultDropAction(Qt::CopyAction);
    m_tree->setUniformRowHeights(true);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(RestoreTreeModel::Name, QHeaderView::Stretch);
    m_tree->setColumnWidth(RestoreTreeModel::Size, 90);
    m_tree->setColumnWidth(RestoreTreeModel::Modified, 140);
    m_tree->setColumnWidth(RestoreTreeModel::Type, 70);
    m_searchPanel = new RestoreSearchPanel(m_searchModel, this);
    m_browseStack = new QStackedWidget(this);
    m_browseStack->addWidget(m_tree);
    m_browseStack->addWidget(m_searchPanel);
    auto *treePane = new QWidget(this);
    auto *treeLayout = new QVBoxLayout(treePane);
    treeLayout->setContentsMargins(0, 0, 0, 0);
    treeLayout->addWidget(m_search);
    treeLayout->addWidget(m_searchNote);
    treeLayout->addWidget(m_browseStack, 1);

    m_listLabel = new QLabel(this);
    m_list = new QTableView(this);
    m_list->setObjectName(u"restoreList"_s);
    m_list->setModel(m_selection);
    m_listLabel->setBuddy(m_list);
    m_list->setAcceptDrops(true);
    m_list->setDragDropMode(QAbstractItemView::DropOnly);
    m_list->setDefaultDropAction(Qt::CopyAction);
    m_list->setDropIndicatorShown(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_list->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_list->verticalHeader()->hide();
    m_list->verticalHeader()->setDefaultSectionSize(m_list->fontMetrics().height() + 8);
    m_list->horizontalHeader()->setSectionResizeMode(Models::RestoreSelectionModel::Path, QHeaderView::Stretch);
    m_list->installEventFilter(this);
    m_listNote = new QLabel(this);
    m_listNote->setWordWrap(true);
    m_remove = new QPushButton(this);
    m_remove->setObjectName(u"restoreRemove"_s);
    m_clear = new QPushButton(this);
    m_clear->setObjectName(u"restoreClear"_s);
    auto *listButtons = new QHBoxLayout;
    listButtons->addWidget(m_remove);
    listButtons->addWidget(m_clear);
    listButtons->addStretch(1);

    createTargetBox();

    m_start = new QPushButton(icon(Icon::Restore), QString(), this);
    m_start->setObjectName(u"restoreStart"_s);
    m_blocker = new QLabel(this);
    m_blocker->setObjectName(u"restoreBlocker"_s);
    m_blocker->setWordWrap(true);
    m_status = new QLabel(this);
    m_status->setObjectName(u"restoreStatus"_s);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::RichText);
    auto *startRow = new QHBoxLayout;
    startRow->addWidget(m_blocker, 1);
    startRow->addWidget(m_start);

    auto *rightPane = new QWidget(this);
    auto *rightLayout = new QVBoxLayout(rightPane);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_listLabel);
    rightLayout->addWidget(m_list, 1);
    rightLayout->addWidget(m_listNote);
    rightLayout->addLayout(listButtons);
    rightLayout->addWidget(m_targetBox);
    rightLayout->addLayout(startRow);
    rightLayout->addWidget(m_status);

    auto *browse = new QSplitter(Qt::Horizontal, this);
    browse->setChildrenCollapsible(false);
    browse->addWidget(treePane);
    browse->addWidget(rightPane);
    browse->setStretchFactor(0, 3);
    browse->setStretchFactor(1, 2);
    auto *splitter = new QSplitter(Qt::Vertical, this);
    splitter->setChildrenCollapsible(false);
    splitter->addWidget(generationsPane);
    splitter->addWidget(browse);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 3);
    splitter->setSizes({ 150, 450 }); // room for a few generations
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(serverRow);
    layout->addWidget(splitter, 1);

    connect(m_server, &QComboBox::currentIndexChanged, this, &RestoreView::loadGenerations);
    connect(m_generationsTable->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &RestoreView::generationChanged);
    connect(m_generations, &QAbstractItemModel::modelReset, this, &RestoreView::generationChanged);
    connect(m_search, &QLineEdit::textChanged, this, &RestoreView::searchTextChanged);
    connect(m_searchModel, &Models::RestoreSearchModel::checkRequested, this, &RestoreView::searchCheckRequested);
    connect(m_treeModel, &RestoreTreeModel::loadFailed, this, [this](const QString &path, const QString &reason) {
        emit statusMessage(tr("%1 could not be listed: %2").arg(path, reason));
    });
    connect(m_treeModel, &RestoreTreeModel::checksChanged, this, &RestoreView::treeChecksChanged);
    connect(m_selection, &Models::RestoreSelectionModel::itemsChanged, this, &RestoreView::selectionChanged);
    connect(m_selection, &Models::RestoreSelectionModel::dropRejected, this, [this](const QString &reason) {
        emit statusMessage(tr("The dropped entries cannot be used: %1").arg(reason));
    });
    connect(m_list->selectionModel(), &QItemSelectionModel::selectionChanged, this, &RestoreView::updateState);
    connect(m_remove, &QPushButton::clicked, this, &RestoreView::removeSelectedItems);
    connect(m_clear, &QPushButton::clicked, m_selection, &Models::RestoreSelectionModel::clear);
    connect(m_start, &QPushButton::clicked, this, &RestoreView::requestRestore);
    connect(m_status, &QLabel::linkActivated, this, &RestoreView::showJobsRequested);
    connect(session, &Models::Session::stateChanged, this, &RestoreView::updateState);

    retranslateUi();
    loadGenerations();
}

void RestoreView::createTargetBox()
{
    m_targetBox = new QGroupBox(this);
    m_target = new QComboBox(this);
    m_target->setObjectName(u"restoreTarget"_s);
    m_target->setModel(m_targets);
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(20);
    m_targetLabel = new QLabel(this);
    m_targetLabel->setBuddy(m_target);
    m_targetNote = new QLabel(this);
    m_targetNote->setObjectName(u"restoreTargetNote"_s);
    m_targetNote->setWordWrap(true);

    m_original = new QRadioButton(this);
    m_original->setObjectName(u"restoreOriginal"_s);
    m_original->setChecked(true);
    m_other = new QRadioButton(this);
    m_other->setObjectName(u"restoreOtherFolder"_s);
    auto *group = new QButtonGroup(this);
    group->addButton(m_original);
    group->addButton(m_other);
    m_folder = new QLineEdit(this);
    m_folder->setObjectName(u"restoreFolder"_s);
    m_browse = new QPushButton(this);
    m_browse->setObjectName(u"restoreBrowse"_s);
    m_placeLabel = new QLabel(this);
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_other);
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(m_browse);
    auto *place = new QVBoxLayout;
    place->addWidget(m_original);
    place->addLayout(folderRow);

    m_overwrite = new QComboBox(this);
    m_overwrite->setObjectName(u"restoreOverwrite"_s);
    for (const char *name : OverwriteNames)
        m_overwrite->addItem(QString(), QString::fromLatin1(name));
    m_overwriteLabel = new QLabel(this);
    m_overwriteLabel->setBuddy(m_overwrite);

    m_device = new QLineEdit(this);
    m_device->setObjectName(u"restoreDevice"_s);
    m_deviceLabel = new QLabel(this);
    m_deviceLabel->setBuddy(m_device);
    m_systemNote = new QLabel(this);
    m_systemNote->setObjectName(u"restoreSystemNote"_s);
    m_systemNote->setWordWrap(true);

    m_targetForm = new QFormLayout(m_targetBox);
    m_targetForm->addRow(m_targetLabel, m_target);
    m_targetForm->addRow(QString(), m_targetNote);
    m_targetForm->addRow(m_placeLabel, place);
    m_targetForm->addRow(m_overwriteLabel, m_overwrite);
    m_targetForm->addRow(m_deviceLabel, m_device);
    m_targetForm->addRow(QString(), m_systemNote);
    m_targetForm->setRowVisible(m_deviceLabel, false); // until a system generation is chosen
    m_targetForm->setRowVisible(m_systemNote, false);
    connect(m_device, &QLineEdit::textChanged, this, &RestoreView::updateState);

    connect(m_target, &QComboBox::currentIndexChanged, this, &RestoreView::updateState);
    connect(m_original, &QRadioButton::toggled, this, &RestoreView::updateState);
    connect(m_folder, &QLineEdit::textChanged, this, [this](const QString &text) {
        if (!text.isEmpty())
            m_other->setChecked(true);
        updateState();
    });
    connect(m_browse, &QPushButton::clicked, this, &RestoreView::browseTargetFolder);
    m_targetBox->setAcceptDrops(true);
    m_targetBox->installEventFilter(this);
    m_folder->installEventFilter(this);
}

void RestoreView::selectServer(qint64 serverId)
{
    const int row = m_session->servers()->rowOf(serverId);
    if (row < 0)
        return;
    if (row == m_server->currentIndex())
        loadGenerations(); // newer generations may exist since the list was loaded
    else
        m_server->setCurrentIndex(row);
}

qint64 RestoreView::serverId() const
{
    return m_server->currentIndex() < 0 ? 0 : m_server->currentData(Models::KeyedTableModel::IdRole).toLongLong();
}

bool RestoreView::selectGeneration(qint64 generationId)
{
    const int row = m_generations->rowOf(generationId);
    if (row < 0)
        return false;
    const QModelIndex index = m_generations->index(row, GenerationsModel::Start);
    m_generationsTable->selectionModel()->select(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_generationsTable->setCurrentIndex(index);
    return generationId == this->generationId();
}

qint64 RestoreView::generationId() const
{
    const QModelIndexList rows = m_generationsTable->selectionModel()->selectedRows();
    return rows.isEmpty() ? 0 : rows.first().data(Models::KeyedTableModel::IdRole).toLongLong();
}

bool RestoreView::selectTarget(qint64 serverId)
{
    const int row = m_targets->rowOf(serverId);
    if (row < 0 || !m_targets->targetAt(row)->allowed)
        return false;
    m_target->setCurrentIndex(row);
    return true;
}

qint64 RestoreView::targetServerId() const
{
    const RestoreTarget *target = m_targets->targetAt(m_target->currentIndex());
    return target && target->allowed ? target->serverId : 0;
}

void RestoreView::setTargetFolder(const QString &folder)
{
    m_folder->setText(folder);
    (folder.isEmpty() ? m_original : m_other)->setChecked(true);
}

void RestoreView::setTargetDevice(const QString &device)
{
    m_device->setText(device);
}

void RestoreView::setOverwrite(Overwrite overwrite)
{
    m_overwrite->setCurrentIndex(int(overwrite));
}

QString RestoreView::overwriteName() const
{
    return m_overwrite->currentData().toString();
}

void RestoreView::loadGenerations()
{
    const qint64 id = serverId();
    if (id != m_generations->serverId())
        m_generations->clear(); // nothing of the previous server stays while the new one loads
    if (id == 0)
        return;
    m_session->client()->generations(id, m_generations, [this, id](ApiResult<QList<GenerationInfo>> result) {
        if (serverId() != id)
            return;
        if (!result) {
            m_generations->clear();
            m_generationNote->setText(tr("The generations could not be loaded: %1").arg(Models::errorText(result.error())));
            m_generationNote->show();
            return;
        }
        m_generations->setGenerations(id, *result);
        m_generationKinds.clear();
        for (const GenerationInfo &generation : std::as_const(*result))
            m_generationKinds.insert(generation.id, generation.kind);
        if (generationId() == 0) {
            // The newest complete generation.
            const QList<GenerationInfo> &list = *result;
            const auto newest = std::max_element(list.cbegin(), list.cend(), [](const GenerationInfo &a, const GenerationInfo &b) {
                const bool aComplete = a.status == u"complete"_s;
                const bool bComplete = b.status == u"complete"_s;
                return aComplete != bComplete ? bComplete : a.start < b.start;
            });
            if (newest != list.cend() && newest->status == u"complete"_s)
                selectGeneration(newest->id);
        }
        generationChanged();
    });
}

void RestoreView::generationChanged()
{
    const qint64 generation = generationId();
    const qint64 server = serverId();
    const int row = m_generations->rowOf(generation);
    const bool complete = row >= 0
        && m_generations->index(row, 0).data(GenerationsModel::StatusRole).toString() == u"complete"_s;
    if (generation != 0 && !complete)
        m_generationNote->setText(tr("Only a complete generation can be restored."));
    else if (m_generations->rowCount() == 0 && server != 0)
        m_generationNote->setText(tr("This server has no generations yet."));
    else
        m_generationNote->clear();
    m_generationNote->setVisible(!m_generationNote->text().isEmpty());
    const qint64 wanted = complete ? generation : 0;
    if (wanted == m_loadedGeneration)
        return;
    m_loadedGeneration = wanted;
    m_system = m_generationKinds.value(wanted) == u"system_backup"_s;
    m_selection->clear();
    m_targets->clear();
    m_status->clear();
    // A system image is restored whole, to a device: no tree, no list, no place.
    m_targetForm->setRowVisible(m_placeLabel, !m_system);
    m_targetForm->setRowVisible(m_overwriteLabel, !m_system);
    m_targetForm->setRowVisible(m_deviceLabel, m_system);
    m_targetForm->setRowVisible(m_systemNote, m_system);
    m_search->setEnabled(!m_system);
    m_list->setEnabled(!m_system);
    if (wanted == 0 || m_system) {
        m_treeModel->clear();
        m_searchModel->setSearcher({});
        if (m_system) {
            m_search->clear(); // an image has no entries to search
            loadTargets();
        }
        updateState();
        return;
    }
    auto *client = m_session->client();
    m_treeModel->setLister([client, server, wanted](const QString &path, QObject *context, Callback<FolderListing> done) {
        return client->browseGeneration(server, wanted, path, context, std::move(done));
    });
    m_searchModel->setSearcher([client, server, wanted](const QString &text, QObject *context,
                                                        Callback<GenerationSearch> done) {
        return client->searchGeneration(server, wanted, text, 0, context, std::move(done));
    });
    m_searchPanel->setText(m_search->text()); // the same text, in the new generation
    loadTargets();
    updateState();
}

void RestoreView::loadTargets()
{
    const qint64 server = serverId();
    const qint64 generation = m_loadedGeneration;
    m_targetNote->setText(tr("Loading the servers that can receive this generation..."));
    m_session->client()->restoreTargets(server, generation, m_targets, [this, server, generation](ApiResult<QList<RestoreTarget>> result) {
        if (generation != m_loadedGeneration)
            return;
        if (!result) {
            m_targetNote->setText(tr("The possible targets could not be loaded: %1").arg(Models::errorText(result.error())));
            updateState();
            return;
        }
        m_targets->setTargets(server, *result);
        m_target->setCurrentIndex(m_targets->firstAllowedRow());
        updateState();
    });
}

void RestoreView::treeChecksChanged()
{
    if (m_syncing)
        return;
    // The boxes speak for the loaded entries; dropped entries the tree does not show stay.
    QList<Models::RestoreItem> items = m_treeModel->checkedItems();
    for (const Models::RestoreItem &item : m_selection->items())
        if (!m_treeModel->indexOf(item.path).isValid())
            items.append(item);
    m_syncing = true;
    m_selection->setItems(items);
    m_syncing = false;
}

void RestoreView::selectionChanged()
{
    m_searchModel->setSelectedPaths(m_selection->paths());
    if (!m_syncing) {
        m_syncing = true;
        m_treeModel->setCheckedPaths(m_selection->paths());
        m_syncing = false;
    }
    updateState();
}

// While there is text, the search results take the tree's place; the server searches the
// whole generation after a short pause in typing.
void RestoreView::searchTextChanged(const QString &text)
{
    const bool searching = !text.trimmed().isEmpty();
    m_browseStack->setCurrentWidget(searching ? static_cast<QWidget *>(m_searchPanel) : m_tree);
    m_searchNote->setVisible(searching);
    m_searchPanel->setText(text);
}

// A search result's box: checked adds the entry to the restore list, unchecked takes it off
// (an entry covered by a listed folder goes with that folder only).
void RestoreView::searchCheckRequested(const Models::RestoreItem &item, bool checked)
{
    if (checked) {
        m_selection->addItems({ item });
        return;
    }
    const QList<Models::RestoreItem> &items = m_selection->items();
    for (int row = 0; row < items.size(); ++row) {
        if (items.at(row).path == item.path) {
            m_selection->removeRows(row, 1);
            return;
        }
        if (Models::isSameOrUnder(item.path, items.at(row).path)) {
            emit statusMessage(tr("%1 is restored with the folder %2; take the folder off the restore list instead.")
                                   .arg(item.path, items.at(row).path));
            return;
        }
    }
}

void RestoreView::removeSelectedItems()
{
    QList<int> rows;
    for (const QModelIndex &index : m_list->selectionModel()->selectedRows())
        rows << index.row();
    std::sort(rows.begin(), rows.end(), std::greater<int>());
    for (int row : std::as_const(rows))
        m_selection->removeRows(row, 1);
}

bool RestoreView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_list && event->type() == QEvent::KeyPress) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Delete || key->key() == Qt::Key_Backspace) {
            removeSelectedItems();
            return true;
        }
    }
    // Entries dropped on the target (the "Restore to" box or its folder field) are chosen as if
    // dropped on the restore list; the folder field does not take them as text.
    if (watched == m_targetBox || watched == m_folder) {
        if (event->type() == QEvent::DragEnter || event->type() == QEvent::DragMove) {
            auto *drag = static_cast<QDragMoveEvent *>(event);
            if (drag->mimeData()->hasFormat(QString::fromLatin1(Models::RestoreMimeType)) && !m_system) {
                drag->setDropAction(Qt::CopyAction);
                drag->accept();
                return true;
            }
        } else if (event->type() == QEvent::Drop) {
            auto *drop = static_cast<QDropEvent *>(event);
            if (drop->mimeData()->hasFormat(QString::fromLatin1(Models::RestoreMimeType))) {
                if (!m_system && m_selection->dropMimeData(drop->mimeData(), Qt::CopyAction, -1, -1, {})) {
                    drop->setDropAction(Qt::CopyAction);
                    drop->accept();
                }
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void RestoreView::browseTargetFolder()
{
    const RestoreTarget *target = m_targets->targetAt(m_target->currentIndex());
    if (!target)
        return;
    const QString start = m_folder->text().isEmpty() ? u"/"_s : m_folder->text();
    auto *dialog = new RestoreFolderDialog(m_session->client(), target->serverId, target->name, start, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { setTargetFolder(dialog->path()); });
    dialog->open();
}

QString RestoreView::blocker() const
{
    if (m_session->state() != Models::Session::State::Connected)
        return tr("Not connected to a server.");
    if (!m_session->mayOperate())
        return tr("Your role may not start restores.");
    if (m_loadedGeneration == 0)
        return tr("Choose a server and a complete generation.");
    if (!m_system && m_selection->rowCount() == 0)
        return tr("Check entries in the tree or drag them onto the restore list.");
    if (m_targets->rowCount() > 0 && m_targets->firstAllowedRow() < 0)
        return tr("No server can receive this generation.");
    if (targetServerId() == 0)
        return tr("Choose the target server.");
    if (m_system && !m_device->text().trimmed().startsWith(u'/'))
        return tr("Name the device or image file to write, such as /dev/vdb.");
    if (!m_system && m_other->isChecked() && !m_folder->text().trimmed().startsWith(u'/'))
        return tr("The other folder must be an absolute path, such as /srv/restored.");
    return {};
}

void RestoreView::updateState()
{
    const QString why = blocker();
    m_start->setEnabled(why.isEmpty());
    m_blocker->setText(why);
    m_remove->setEnabled(m_list->selectionModel()->hasSelection());
    m_clear->setEnabled(m_selection->rowCount() > 0);
    m_browse->setEnabled(targetServerId() != 0);
    int refused = 0;
    for (int row = 0; row < m_targets->rowCount(); ++row)
        refused += m_targets->targetAt(row)->allowed ? 0 : 1;
    if (m_loadedGeneration != 0 && m_targets->rowCount() > 0)
        m_targetNote->setText(refused == 0 ? tr("Every server of the tenant can receive this generation.")
                                           : tr("%n server(s) cannot receive it and are shown disabled, with the reason.",
                                                nullptr, refused));
    else if (m_loadedGeneration == 0)
        m_targetNote->clear();
    const int count = m_selection->rowCount();
    if (m_system)
        m_listNote->setText(tr("A system generation is restored whole, as one image."));
    else
        m_listNote->setText(count == 0 ? tr("Drag files and folders here from the tree, or check them there.")
                                   : tr("%n entry(ies), %1 in files; folders with everything in them.", nullptr, count)
                                         .arg(Models::sizeText(m_selection->totalFileBytes())));
}

RestoreRequest RestoreView::request() const
{
    RestoreRequest request;
    request.generationId = m_loadedGeneration;
    request.targetServerId = targetServerId();
    if (m_system) {
        request.device = m_device->text().trimmed();
        return request;
    }
    request.targetPath = m_other->isChecked() ? m_folder->text().trimmed() : u"/"_s;
    request.paths = m_selection->paths();
    request.overwrite = overwriteName();
    return request;
}

QString RestoreView::systemSummary(const RestoreRequest &restore, const QString &when, const QString &source,
                                   const QString &target) const
{
    return tr("<p>Write the system image of the generation of %1 of \"%2\" to %3 on \"%4\".</p>"
              "<p>Everything on it is replaced. Network settings are not restored: set them up "
              "after the restore.</p>")
        .arg(when.toHtmlEscaped(), source.toHtmlEscaped(), restore.device.toHtmlEscaped(), target.toHtmlEscaped());
}

QString RestoreView::filesSummary(const RestoreRequest &restore, const QString &when, const QString &source,
                                  const QString &target) const
{
    QStringList shown = restore.paths.mid(0, 8);
    if (restore.paths.size() > shown.size())
        shown << tr("... and %n more", nullptr, int(restore.paths.size() - shown.size()));
    const QString place = m_other->isChecked()
        ? tr("below the folder %1 (each entry under its original path)").arg(restore.targetPath)
        : tr("to the original location");
    QString entries = u"<ul>"_s;
    for (const QString &entry : std::as_const(shown))
        entries += u"<li>"_s + entry.toHtmlEscaped() + u"</li>"_s;
    entries += u"</ul>"_s;
    return tr("<p>Restore %n entry(ies) of the generation of %1 of \"%2\":</p>", nullptr, int(restore.paths.size()))
               .arg(when.toHtmlEscaped(), source.toHtmlEscaped())
        + entries
        + tr("<p>onto \"%1\", %2.</p><p>Existing files: %3.</p>")
              .arg(target.toHtmlEscaped(), place.toHtmlEscaped(), m_overwrite->currentText().toHtmlEscaped());
}

void RestoreView::requestRestore()
{
    if (!blocker().isEmpty())
        return;
    const RestoreRequest restore = request();
    const QString source = m_session->servers()->nameOf(serverId());
    const RestoreTarget *target = m_targets->targetAt(m_target->currentIndex());
    const int row = m_generations->rowOf(restore.generationId);
    const QString when = m_generations->index(row, GenerationsModel::Start).data().toString();
    const QString text = m_system ? systemSummary(restore, when, source, target->name)
                                  : filesSummary(restore, when, source, target->name);
    auto *box = new QMessageBox(QMessageBox::Question, tr("Restore"), text, QMessageBox::Cancel, this);
    box->setObjectName(u"restoreSummary"_s);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setTextFormat(Qt::RichText);
    QPushButton *yes = box->addButton(tr("Start Restore"), QMessageBox::AcceptRole);
    yes->setObjectName(u"restoreSummaryStart"_s);
    box->setDefaultButton(yes);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, yes, restore](QAbstractButton *button) {
        if (button == yes)
            startRestore(restore);
        box->close();
    });
    box->open();
}

void RestoreView::startRestore(const RestoreRequest &restore)
{
    const qint64 source = serverId();
    const QString targetName = m_session->servers()->nameOf(restore.targetServerId.value_or(source));
    m_start->setEnabled(false);
    m_status->setText(tr("Starting the restore..."));
    m_session->client()->startRestore(source, restore, this, [this, targetName](ApiResult<JobInfo> result) {
        updateState();
        if (!result) {
            const ApiError &error = result.error();
            QString text;
            if (error.refusal() == u"restore_target"_s)
                text = tr("The server refused \"%1\" as the target: %2.").arg(targetName, Models::restoreIssuesText(error.issues()));
            else if (error.code == ErrorCode::Unavailable && !error.isTransport())
                text = tr("The restore cannot start now: %1. Check that the agent of \"%2\" is online.")
                           .arg(error.message, targetName);
            else
                text = Models::errorText(error);
            m_status->setText(text.toHtmlEscaped());
            showError(this, tr("Restore"), text);
            m_session->refreshJobs();
            return;
        }
        m_session->jobs()->updateJob(*result);
        m_session->refreshJobs();
        const QString started = tr("Restore started as job %1.").arg(result->id);
        m_status->setText(started.toHtmlEscaped() + u" <a href=\"jobs\">"_s + tr("Show it in Jobs").toHtmlEscaped() + u"</a>"_s);
        emit statusMessage(started);
    });
}

void RestoreView::showEvent(QShowEvent *event)
{
    loadGenerations();
    QWidget::showEvent(event);
}

void RestoreView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslateUi();
    QWidget::changeEvent(event);
}

void RestoreView::retranslateUi()
{
    m_serverLabel->setText(tr("&Server:"));
    m_server->setToolTip(tr("The server whose backups you restore from"));
    m_generationsLabel->setText(tr("&Generations (with their local and remote copies):"));
    m_search->setPlaceholderText(tr("Search the whole generation by name"));
    m_search->setToolTip(tr("The server looks through every folder of the generation, also those not opened here"));
    m_searchNote->setText(tr("Check the entries found, or drag them onto the restore list; clear the search to "
                             "see the tree again."));
    m_listLabel->setText(tr("Restore &list:"));
    m_list->setToolTip(tr("Drop files and folders here; Delete removes the selected entries"));
    m_remove->setText(tr("&Remove"));
    m_remove->setToolTip(tr("Take the selected entries off the restore list (Delete)"));
    m_clear->setText(tr("C&lear"));
    m_targetBox->setTitle(tr("Restore to"));
    m_targetLabel->setText(tr("&Target server:"));
    m_placeLabel->setText(tr("Place:"));
    m_original->setText(tr("&Original location"));
    m_other->setText(tr("Another &folder:"));
    m_folder->setPlaceholderText(tr("/srv/restored"));
    m_browse->setText(tr("&Browse..."));
    m_browse->setToolTip(tr("Choose a folder on the target server"));
    m_overwriteLabel->setText(tr("&Existing files:"));
    m_deviceLabel->setText(tr("&Device:"));
    m_device->setPlaceholderText(tr("/dev/vdb or an image file"));
    m_device->setToolTip(tr("The device or image file on the target server that receives the system image"));
    m_systemNote->setText(tr("A system restore replaces everything on the device. Network settings "
                             "are not restored; set them up after the restore."));
    m_overwrite->setItemText(0, tr("Skip (keep the file on the server)"));
    m_overwrite->setItemText(1, tr("Overwrite"));
    m_overwrite->setItemText(2, tr("Keep both (restore under a new name)"));
    m_start->setText(tr("Restore..."));
    m_start->setToolTip(tr("Shows a summary; the restore starts when you confirm it"));
    m_generations->retranslate();
    m_treeModel->retranslate();
    m_selection->retranslate();
    m_targets->retranslate();
    m_searchModel->retranslate();
    updateState();
}

} // namespace Kura::Widgets
