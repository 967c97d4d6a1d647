#include "drstore.h"

#include "private/sql.h"

using namespace Qt::StringLiterals;

namespace Kura::Catalog {
namespace {

    DrOperation operationFromName(const QString &name)
    {
        for (auto op : { DrOperation::SwitchOver, DrOperation::SwitchBack, DrOperation::Drill })
            if (drOperationName(op) == name)
                return op;
        return DrOperation::None;
    }

    Status checkOrder(const DrState &current, const DrStep &step)
    {
        if (step.operation == DrOperation::None || step.step < 1 || step.step > DrStepCount)
            return fail(ErrorCode::InvalidArgument,
                u"disaster-recovery step %1 of \"%2\" does not exist"_s.arg(step.step).arg(
                    drOperationName(step.operation)));
        const bool idle
            = current.operation == DrOperation::None || current.currentStep == DrStepCount;
        const bool ok = step.step == 1
            ? idle
            : (current.operation == step.operation && current.currentStep == step.step - 1);
        if (!ok)
            return fail(ErrorCode::Conflict,
                u"cannot record step %1 of %2: the current operation is %3 at step %4"_s
                    .arg(step.step)
                    .arg(drOperationName(step.operation))
                    .arg(drOperationName(current.operation))
                    .arg(current.currentStep));
        return {};
    }

    Status runStatus(Result<QSqlQuery> result)
    {
        if (!result)
            return fail(result.error());
        return {};
    }

} // namespace

QString siteRoleName(SiteRole role)
{
    return role == SiteRole::Dr ? u"dr"_s : u"active"_s;
}

QString drOperationName(DrOperation operation)
{
    switch (operation) {
    case DrOperation::None:
        return u"none"_s;
    case DrOperation::SwitchOver:
        return u"switch_over"_s;
    case DrOperation::SwitchBack:
        return u"switch_back"_s;
    case DrOperation::Drill:
        return u"drill"_s;
    }
    return {};
}

Result<DrState> DrStore::state()
{
    auto query = Sql::run(m_db,
        u"SELECT site_role, operation, suppressed, current_step, last_catalog_copy_ms"
        " FROM dr_state WHERE id = 1"_s);
    if (!query)
        return fail(query.error());
    if (!query->next())
        return fail(ErrorCode::Corrupt, u"dr_state row is missing"_s);
    DrState s { query->value(0).toString() == "dr"_L1 ? SiteRole::Dr : SiteRole::Active,
        operationFromName(query->value(1).toString()), query->value(2).toInt() != 0,
        query->value(3).toInt(), Sql::optionalInt(query->value(4)), {} };
    auto steps = Sql::run(m_db,
        u"SELECT operation, step, done_by, done_ms, note FROM dr_steps"
        " WHERE id >= (SELECT COALESCE(MAX(id), 0) FROM dr_steps WHERE step = 1) ORDER BY id"_s);
    if (!steps)
        return fail(steps.error());
    while (steps->next())
        s.steps << DrStep { operationFromName(steps->value(0).toString()), steps->value(1).toInt(),
            steps->value(2).toString(), steps->value(3).toLongLong(), steps->value(4).toString() };
    return s;
}

Status DrStore::setSiteRole(SiteRole role)
{
    return runStatus(Sql::run(
        m_db, u"UPDATE dr_state SET site_role = ? WHERE id = 1"_s, { siteRoleName(role) }));
}

Status DrStore::setSuppressed(bool suppressed)
{
    return runStatus(Sql::run(
        m_db, u"UPDATE dr_state SET suppressed = ? WHERE id = 1"_s, { suppressed ? 1 : 0 }));
}

Status DrStore::setLastCatalogCopy(qint64 copyMs)
{
    return runStatus(
        Sql::run(m_db, u"UPDATE dr_state SET last_catalog_copy_ms = ? WHERE id = 1"_s, { copyMs }));
}

Status DrStore::recordStep(const DrStep &step)
{
    auto transaction = Sql::Transaction::begin(m_db);
    if (!transaction)
        return fail(transaction.error());
    auto current = state();
    if (!current)
        return fail(current.error());
    KURA_TRY(checkOrder(*current, step));
    KURA_TRY(Sql::run(m_db,
        u"INSERT INTO dr_steps (operation, step, done_by, done_ms, note) VALUES (?, ?, ?, ?, ?)"_s,
        { drOperationName(step.operation), step.step, step.doneBy, step.doneMs, step.note }));
    KURA_TRY(Sql::run(m_db, u"UPDATE dr_state SET operation = ?, current_step = ? WHERE id = 1"_s,
        { drOperationName(step.operation), step.step }));
    return transaction->commit();
}

} // namespace Kura::Catalog
