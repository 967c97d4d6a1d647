#pragma once

#include "restoreitems.h"

#include <api/client/apiclient.h>

#include <QAbstractTableModel>

#include <functional>

namespace Kura::Models {

// The Restore page's search over a whole generation (SPEC §6): the server walks every folder
// and answers with the entries whose name contains the text (GET /servers/{id}/generations/
// {gen}/search), whatever the tree has loaded so far. One search at a time: a new one abandons
// the one in flight, whose answer is then ignored. Each entry has a check box that says whether
// the restore list covers it (setSelectedPaths); checking or unchecking one asks for the change
// through checkRequested(), and selected entries drag as RestoreMimeType like the tree's.
class RestoreSearchModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column { Path, Size, Modified, Type, ColumnCount };
    enum Role {
        PathRole = Qt::UserRole + 1, // QString: absolute path
        KindRole,                    // QString: "file", "directory", "symlink", "other"
        SortRole,                    // raw value of the cell
    };
    enum class State { Idle, Searching, Done, Failed };
    Q_ENUM(State)

    // Starts the search of one generation for `text`; must answer through `done`
    // (asynchronously) unless `context` died.
    using Searcher = std::function<Api::Client::ApiCall(
        const QString &text, QObject *context, Api::Client::Callback<Api::Client::GenerationSearch> done)>;

    explicit RestoreSearchModel(QObject *parent = nullptr);

    // Another generation (an empty searcher: none): clears the results and abandons a search.
    void setSearcher(Searcher searcher);
    // Searches for `text`, abandoning the search in flight; an empty text only clears.
    void search(const QString &text);
    void clear();

    State state() const { return m_state; }
    QString text() const { return m_text; }       // the text of the results or of the search in flight
    bool isTruncated() const { return m_truncated; } // the server has more matches than it listed
    QString error() const { return m_error; }     // translated, when Failed

    // The restore list's paths: an entry is checked when one of them is it or a folder above it.
    void setSelectedPaths(const QStringList &paths);
    RestoreItem itemAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QStringList mimeTypes() const override;
    QMimeData *mimeData(const QModelIndexList &indexes) const override;
    Qt::DropActions supportedDragActions() const override;

    void retranslate();

signals:
    // Searching started, or results (or a failure) arrived, or the model was cleared.
    void stateChanged(Kura::Models::RestoreSearchModel::State state);
    // The user checked (add to the restore list) or unchecked (take off) an entry's box.
    void checkRequested(const Kura::Models::RestoreItem &item, bool checked);

private:
    bool isSelected(const QString &path) const;
    void setResults(const QList<Api::Client::SearchMatch> &entries, bool truncated);
    void setState(State state);

    Searcher m_searcher;
    Api::Client::ApiCall m_call;
    quint64 m_sequence = 0; // the search whose answer counts
    State m_state = State::Idle;
    QString m_text;
    QString m_error;
    bool m_truncated = false;
    QList<Api::Client::SearchMatch> m_entries;
    QStringList m_selected;
};

} // namespace Kura::Models
