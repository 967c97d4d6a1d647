#include "restoretargetsmodel.h"

#include "modeltext.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::RestoreTarget;

QString restoreIssueText(const QString &issue)
{
    if (issue == u"copy_missing"_s)
        return Tr::tr("the generation has no copy to read from");
    if (issue == u"local_copy_failed"_s)
        return Tr::tr("the storage region of the local copy is marked failed");
    if (issue == u"remote_copy_not_allowed"_s)
        return Tr::tr("the remote copy may be used only while the local region is failed");
    if (issue == u"target_in_remote_region"_s)
        return Tr::tr("it is in the region of the remote copy");
    if (issue == u"different_region"_s)
        return Tr::tr("it is in another region");
    if (issue == u"target_not_protected"_s)
        return Tr::tr("it is not protected");
    if (issue == u"different_plan"_s)
        return Tr::tr("its plan is different");
    if (issue == u"flavor_unknown"_s)
        return Tr::tr("its flavor or the source's is unknown");
    if (issue == u"different_flavor"_s)
        return Tr::tr("it has another flavor");
    if (issue == u"os_unknown"_s)
        return Tr::tr("its operating system or the source's is unknown");
    if (issue == u"different_os"_s)
        return Tr::tr("it runs another operating system version");
    return Tr::tr("the server refuses it (%1)").arg(issue);
}

QString restoreIssuesText(const QStringList &issues)
{
    QStringList texts;
    for (const QString &issue : issues)
        texts << restoreIssueText(issue);
    //: Separator between the reasons a restore target is refused
    return texts.join(Tr::tr("; "));
}

RestoreTargetsModel::RestoreTargetsModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

int RestoreTargetsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_targets.size());
}

QVariant RestoreTargetsModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_targets.size())
        return {};
    const RestoreTarget &target = m_targets.at(index.row());
    switch (role) {
    case Qt::DisplayRole: {
        QString text = target.serverId == m_source ? tr("%1 (the original server)").arg(target.name) : target.name;
        if (!target.online)
            text = tr("%1, offline").arg(text);
        if (!target.allowed)
            //: A restore target the policy refuses: server name, then the reasons
            return tr("%1 - not possible: %2").arg(text, restoreIssuesText(target.issues));
        return text;
    }
    case Qt::ToolTipRole:
        if (!target.allowed)
            return tr("\"%1\" cannot receive this restore: %2.").arg(target.name, restoreIssuesText(target.issues));
        if (!target.online)
            return tr("\"%1\" is offline; the restore starts when its agent connects, or fails.").arg(target.name);
        return tr("\"%1\" can receive this restore.").arg(target.name);
    case IdRole: return target.serverId;
    case AllowedRole: return target.allowed;
    case IssuesRole: return target.issues;
    case ReasonRole: return restoreIssuesText(target.issues);
    case OnlineRole: return target.online;
    case NameRole: return target.name;
    }
    return {};
}

Qt::ItemFlags RestoreTargetsModel::flags(const QModelIndex &index) const
{
    if (!index.isValid() || index.row() >= m_targets.size())
        return Qt::NoItemFlags;
    if (!m_targets.at(index.row()).allowed)
        return Qt::ItemNeverHasChildren; // shown, not selectable, not enabled
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemNeverHasChildren;
}

void RestoreTargetsModel::setTargets(qint64 sourceServerId, const QList<RestoreTarget> &targets)
{
    beginResetModel();
    m_source = sourceServerId;
    m_targets = targets;
    std::stable_sort(m_targets.begin(), m_targets.end(), [sourceServerId](const RestoreTarget &a, const RestoreTarget &b) {
        if (a.allowed != b.allowed)
            return a.allowed;
        if ((a.serverId == sourceServerId) != (b.serverId == sourceServerId))
            return a.serverId == sourceServerId;
        return a.name.compare(b.name, Qt::CaseInsensitive) < 0;
    });
    endResetModel();
}

void RestoreTargetsModel::clear()
{
    setTargets(0, {});
}

int RestoreTargetsModel::rowOf(qint64 serverId) const
{
    for (int row = 0; row < m_targets.size(); ++row)
        if (m_targets.at(row).serverId == serverId)
            return row;
    return -1;
}

int RestoreTargetsModel::firstAllowedRow() const
{
    for (int row = 0; row < m_targets.size(); ++row)
        if (m_targets.at(row).allowed)
            return row;
    return -1;
}

const RestoreTarget *RestoreTargetsModel::targetAt(int row) const
{
    return row >= 0 && row < m_targets.size() ? &m_targets.at(row) : nullptr;
}

void RestoreTargetsModel::retranslate()
{
    if (!m_targets.isEmpty())
        emit dataChanged(index(0), index(int(m_targets.size()) - 1));
}

} // namespace Kura::Models
