#pragma once

#include <QStyledItemDelegate>

namespace Kura::Widgets {

// Draws a job's progress as a progress bar: the fraction from JobsModel::FractionRole, the
// model's text on the bar; an indeterminate (empty) bar while the total is unknown.
class ProgressDelegate : public QStyledItemDelegate
{
    Q_OBJECT

public:
    using QStyledItemDelegate::QStyledItemDelegate;

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override;
    // At least wide enough for a readable bar.
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override;
};

} // namespace Kura::Widgets
