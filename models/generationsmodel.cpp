#include "generationsmodel.h"

#include "modeltext.h"

using namespace Qt::StringLiterals;

namespace Kura::Models {

using Api::Client::GenerationCopy;
using Api::Client::GenerationInfo;

namespace {
bool sameCopies(const QList<GenerationCopy> &a, const QList<GenerationCopy> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].region != b[i].region || a[i].state != b[i].state || a[i].replicated != b[i].replicated)
            return false;
    }
    return true;
}

bool sameGeneration(const GenerationInfo &a, const GenerationInfo &b)
{
    return a.id == b.id && a.serverId == b.serverId && a.jobId == b.jobId && a.kind == b.kind
        && a.planSummary == b.planSummary && a.storage == b.storage && a.timing == b.timing
        && a.retentionDays == b.retentionDays && a.start == b.start && a.end == b.end
        && a.sourceBytes == b.sourceBytes && a.files == b.files && a.newBytes == b.newBytes
        && a.status == b.status && sameCopies(a.copies, b.copies);
}
} // namespace

GenerationsModel::GenerationsModel(QObject *parent)
    : KeyedTableModel(parent)
{
}

int GenerationsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

qint64 GenerationsModel::replicationLagSeconds(const GenerationInfo &generation)
{
    if (generation.copies.size() < 2 || !generation.end.isValid())
        return -1;
    qint64 lag = -1;
    for (qsizetype i = 1; i < generation.copies.size(); ++i) {
        const GenerationCopy &copy = generation.copies.at(i);
        if (copy.state != u"complete"_s || !copy.replicated.isValid())
            return -1;
        lag = qMax(lag, generation.end.secsTo(copy.replicated));
    }
    return lag;
}

QVariant GenerationsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const GenerationInfo &generation = m_generations.at(index.row());
    switch (role) {
    case Qt::DisplayRole:
        return display(generation, index.column());
    case IdRole:
        return generation.id;
    case SortRole:
        switch (index.column()) {
        case Start: return generation.start.toMSecsSinceEpoch();
        case End: return generation.end.isValid() ? generation.end.toMSecsSinceEpoch() : qint64(-1);
        case Retention: return generation.retentionDays;
        case SourceBytes: return generation.sourceBytes;
        case Files: return generation.files;
        case NewBytes: return generation.newBytes;
        default: return display(generation, index.column());
        }
    case StatusRole:
        return generation.status;
    case ReplicationLagRole:
        return replicationLagSeconds(generation);
    default:
        return {};
    }
}

QVariant GenerationsModel::display(const GenerationInfo &generation, int column) const
{
    switch (column) {
    case Start: return dateTimeText(generation.start);
    case End: return dateTimeText(generation.end);
    case Kind: return jobKindText(generation.kind);
    case Plan: return generation.planSummary;
    case Retention: return retentionText(generation.retentionDays);
    case SourceBytes: return sizeText(generation.sourceBytes);
    case Files: return countText(generation.files);
    case NewBytes: return sizeText(generation.newBytes);
    case Status: return generationStatusText(generation.status);
    case Copies: {
        QStringList copies;
        for (const GenerationCopy &copy : generation.copies)
            //: A copy of a generation: %1 region, %2 state of the copy
            copies << Tr::tr("%1: %2").arg(copy.region, copyStateText(copy.state));
        const qint64 lag = replicationLagSeconds(generation);
        if (lag >= 0)
            copies << Tr::tr("replicated after %1").arg(durationText(lag));
        return copies.join(u", "_s);
    }
    default: return {};
    }
}

QVariant GenerationsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Start: return Tr::tr("Start");
    case End: return Tr::tr("End");
    case Kind: return Tr::tr("Kind");
    case Plan: return Tr::tr("Plan");
    case Retention: return Tr::tr("Retention");
    case SourceBytes: return Tr::tr("Source Data");
    case Files: return Tr::tr("Files");
    case NewBytes: return Tr::tr("New Data");
    case Status: return Tr::tr("Status");
    case Copies: return Tr::tr("Copies");
    default: return {};
    }
}

void GenerationsModel::setGenerations(qint64 serverId, const QList<GenerationInfo> &generations)
{
    if (serverId != m_serverId)
        clearRows(m_generations);
    m_serverId = serverId;
    applyUpdate(m_generations, generations, [](const GenerationInfo &g) { return g.id; }, sameGeneration);
}

void GenerationsModel::clear()
{
    m_serverId = 0;
    clearRows(m_generations);
}

} // namespace Kura::Models
