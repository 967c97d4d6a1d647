#pragma once

#include <api/client/apitypes.h>

#include <QAbstractListModel>

namespace Kura::Models {

// The servers a generation can be restored to (GET .../generations/{gen}/targets) with the
// policy's verdict (SPEC §6). Servers the policy refuses stay in the list, without
// Qt::ItemIsEnabled, and say why: "web-02 - not possible: it is in another region" in the
// display text, every reason in the tool tip.
class RestoreTargetsModel : public QAbstractListModel
{
    Q_OBJECT

public:
    enum Role {
        IdRole = Qt::UserRole + 1, // qint64 server id
        AllowedRole,               // bool
        IssuesRole,                // QStringList: the policy's stable names
        ReasonRole,                // QString: the translated reasons, "; "-joined
        OnlineRole,                // bool
        NameRole,                  // QString
    };

    explicit RestoreTargetsModel(QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;

    // Allowed targets first (the source server first among them), then the refused ones, each
    // group by name.
    void setTargets(qint64 sourceServerId, const QList<Api::Client::RestoreTarget> &targets);
    void clear();
    int rowOf(qint64 serverId) const;
    // The first allowed target's row (-1 without one): the source server when allowed.
    int firstAllowedRow() const;
    const Api::Client::RestoreTarget *targetAt(int row) const;
    void retranslate();

private:
    QList<Api::Client::RestoreTarget> m_targets;
    qint64 m_source = 0;
};

// A translated reason for one of the policy's issue names ("different_region", ...).
QString restoreIssueText(const QString &issue);
// Every reason of `issues`, "; "-joined.
QString restoreIssuesText(const QStringList &issues);

} // namespace Kura::Models
