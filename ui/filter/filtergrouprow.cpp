// SPDX-License-Identifier: MIT
#include "ui/filter/filtergrouprow.h"
#include "ui/text/plainlabel.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

namespace allium {

FilterGroupRow::FilterGroupRow(QWidget *parent)
    : QWidget(parent)
    , m_combinator(new QComboBox(this))
    , m_summary(new PlainLabel(this))
{
    m_combinator->setObjectName(QStringLiteral("combinatorBox"));
    m_combinator->addItem(tr("AND: all of"), int(Filter::Combinator::And));
    m_combinator->addItem(tr("OR: any of"), int(Filter::Combinator::Or));
    m_combinator->setToolTip(tr("AND: every condition of the group must match. "
                                "OR: at least one must match."));
    m_summary->setObjectName(QStringLiteral("groupSummary"));
    m_summary->setForegroundRole(QPalette::PlaceholderText);

    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(2, 1, 2, 1);
    layout->addWidget(m_combinator);
    layout->addWidget(m_summary, 1);

    connect(m_combinator, &QComboBox::currentIndexChanged, this, [this] {
        if (!m_loading)
            emit edited();
    });
}

void FilterGroupRow::setCombinator(Filter::Combinator combinator)
{
    m_loading = true;
    m_combinator->setCurrentIndex(m_combinator->findData(int(combinator)));
    m_loading = false;
}

Filter::Combinator FilterGroupRow::combinator() const
{
    return Filter::Combinator(m_combinator->currentData().toInt());
}

void FilterGroupRow::setChildCount(int count)
{
    m_summary->setText(count == 1 ? tr("1 condition") : tr("%1 conditions").arg(count));
}

void FilterGroupRow::setPositionLabel(const QString &label)
{
    m_combinator->setAccessibleName(tr("Group %1: AND or OR").arg(label));
}

void FilterGroupRow::focusFirst()
{
    m_combinator->setFocus(Qt::OtherFocusReason);
}

} // namespace allium
