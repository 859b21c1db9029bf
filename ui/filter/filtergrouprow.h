// SPDX-License-Identifier: MIT
#pragma once

#include "core/filter/filter.h"

#include <QWidget>

class QComboBox;
class QLabel;

namespace allium {

/// The header row of an AND/OR group in the filter builder.
class FilterGroupRow : public QWidget
{
    Q_OBJECT

public:
    explicit FilterGroupRow(QWidget *parent = nullptr);

    void setCombinator(Filter::Combinator combinator);
    Filter::Combinator combinator() const;
    void setChildCount(int count);
    void setPositionLabel(const QString &label);
    void focusFirst();

    QComboBox *combinatorBox() const { return m_combinator; }

signals:
    /// The user switched between AND and OR.
    void edited();

private:
    QComboBox *m_combinator = nullptr;
    QLabel *m_summary = nullptr;
    bool m_loading = false;
};

} // namespace allium
