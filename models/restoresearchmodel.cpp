#include "restoresearchmodel.h"

#include "modeltext.h"
#include "restoretreemodel.h"

#include <QMimeData>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::ApiResult;
using Api::Client::GenerationSearch;
using Api::Client::SearchMatch;

RestoreSearchModel::RestoreSearchModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void RestoreSearchModel::setSearcher(Searcher searcher)
{
    m_searcher = std::move(searcher);
    clear();
}

void RestoreSearchModel::clear()
{
    ++m_sequence;
    m_call.abort();
    m_text.clear();
    m_error.clear();
    setResults({}, false);
    setState(State::Idle);
}

void RestoreSearchModel::search(const QString &text)
{
    if (text.trimmed().isEmpty() || !m_searcher) {
        clear();
        return;
    }
    const quint64 sequence = ++m_sequence;
    m_call.abort(); // its answer (Cancelled) carries an old sequence and is ignored
    m_text = text;
    m_error.clear();
    setState(State::Searching);
    m_call = m_searcher(text, this, [this, sequence](ApiResult<GenerationSearch> result) {
        if (sequence != m_sequence)
            return;
        if (!result) {
            m_error = errorText(result.error());
            setResults({}, false);
            setState(State::Failed);
            return;
        }
        setResults(result->entries, result->truncated);
        setState(State::Done);
    });
}

void RestoreSearchModel::setResults(const QList<SearchMatch> &entries, bool truncated)
{
    m_truncated = truncated;
    if (m_entries.isEmpty() && entries.isEmpty())
        return;
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

void RestoreSearchModel::setState(State state)
{
    m_state = state;
    emit stateChanged(state);
}

void RestoreSearchModel::setSelectedPaths(const QStringList &paths)
{
    m_selected = paths;
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, Path), index(rowCount() - 1, Path), { Qt::CheckStateRole });
}

bool RestoreSearchModel::isSelected(const QString &path) const
{
    return std::any_of(m_selected.cbegin(), m_selected.cend(),
                       [&path](const QString &selected) { return isSameOrUnder(path, selected); });
}

RestoreItem RestoreSearchModel::itemAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return {};
    const SearchMatch &entry = m_entries.at(row);
    return { entry.path, entry.kind, entry.kind == u"file"_s ? entry.sizeBytes : 0 };
}

int RestoreSearchModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int RestoreSearchModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant RestoreSearchModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SearchMatch &entry = m_entries.at(index.row());
    const bool file = entry.kind == u"file"_s;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case Path: return entry.path;
        case Size: return file ? sizeText(entry.sizeBytes) : QString();
        case Modified: return dateTimeText(entry.modified);
        case Type: return entryKindText(entry.kind);
        }
        return {};
    case Qt::ToolTipRole:
        return entry.kind == u"directory"_s ? tr("The folder %1 with everything in it").arg(entry.path) : entry.path;
    case Qt::CheckStateRole:
        if (index.column() == Path)
            return int(isSelected(entry.path) ? Qt::Checked : Qt::Unchecked);
        return {};
    case Qt::TextAlignmentRole:
        return index.column() == Size ? QVariant(int(Qt::AlignRight | Qt::AlignVCenter)) : QVariant();
    case PathRole: return entry.path;
    case KindRole: return entry.kind;
    case SortRole:
        switch (index.column()) {
        case Path: return entry.path;
        case Size: return file ? entry.sizeBytes : qint64(-1);
        case Modified: return entry.modified.isValid() ? entry.modified.toMSecsSinceEpoch() : qint64(-1);
        case Type: return entry.kind;
        }
        return {};
    }
    return {};
}

bool RestoreSearchModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::CheckStateRole || index.column() != Path
        || !checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return false;
    // The box follows the restore list: it changes when the list does (setSelectedPaths).
    emit checkRequested(itemAt(index.row()), Qt::CheckState(value.toInt()) != Qt::Unchecked);
    return true;
}

Qt::ItemFlags RestoreSearchModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled | Qt::ItemNeverHasChildren;
    if (index.column() == Path)
        flags |= Qt::ItemIsUserCheckable;
    return flags;
}

QVariant RestoreSearchModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case Path: return tr("Path");
    case Size: return tr("Size");
    case Modified: return tr("Modified");
    case Type: return tr("Type");
    }
    return {};
}

QStringList RestoreSearchModel::mimeTypes() const
{
    return { QString::fromLatin1(RestoreMimeType) };
}

QMimeData *RestoreSearchModel::mimeData(const QModelIndexList &indexes) const
{
    QList<RestoreItem> items;
    QList<int> rows;
    for (const QModelIndex &index : indexes)
        if (index.isValid() && index.model() == this && !rows.contains(index.row()))
            rows << index.row();
    std::sort(rows.begin(), rows.end());
    for (int row : std::as_const(rows))
        items << itemAt(row);
    if (items.isEmpty())
        return nullptr;
    auto *mime = new QMimeData;
    mime->setData(QString::fromLatin1(RestoreMimeType), encodeRestoreItems(items));
    return mime;
}

Qt::DropActions RestoreSearchModel::supportedDragActions() const
{
    return Qt::CopyAction;
}

void RestoreSearchModel::retranslate()
{
    if (!m_entries.isEmpty())
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    emit headerDataChanged(Qt::Horizontal, 0, ColumnCount - 1);
}

} // namespace Kura::Models
