// SPDX-License-Identifier: MIT
#pragma once

#include <QWidget>

class QSortFilterProxyModel;
class QSpinBox;
class QTableView;

namespace allium {

class HistoryBudget;
class PlainLabel;
class StreamOverviewModel;
class StreamSession;

/// Every open stream in one sortable table (state, rate with a sparkline, last message, head,
/// history, errors, reconnects), with the memory budget of all histories above it: used, the
/// budget (which the user can change) and what it has removed. Double-clicking a row (or Enter)
/// opens that stream.
class StreamOverviewWidget : public QWidget
{
    Q_OBJECT
public:
    StreamOverviewWidget(StreamOverviewModel *model, HistoryBudget *budget,
                         QWidget *parent = nullptr);

    QTableView *table() const { return m_table; }
    QSpinBox *budgetBox() const { return m_budgetBox; }
    /// "Histories: 120 MB of 1,024 MB budget", as shown.
    QString budgetText() const;

signals:
    void streamActivated(allium::StreamSession *session);

private:
    void updateBudget();

    StreamOverviewModel *m_model = nullptr;
    HistoryBudget *m_budget = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    QTableView *m_table = nullptr;
    PlainLabel *m_budgetLabel = nullptr;
    QSpinBox *m_budgetBox = nullptr;
};

} // namespace allium
