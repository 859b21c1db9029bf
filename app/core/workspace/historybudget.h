// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QObject>
#include <QPointer>

namespace allium {

class MessageTableModel;

/// One memory budget over the histories of every open stream. Each history keeps its own
/// bounds; when their sum passes the budget, the largest histories give up their oldest
/// messages first (each is cut down towards a common level, so a quiet stream keeps what it
/// has), and the user is told once per history until usage falls back well below the budget.
class HistoryBudget : public QObject
{
    Q_OBJECT
public:
    static constexpr qint64 DefaultBudgetBytes = qint64(1024) * 1024 * 1024;
    /// Told again only after usage fell below this share of the budget.
    static constexpr double RearmShare = 0.9;

    explicit HistoryBudget(QObject *parent = nullptr);

    /// A new budget, enforced at once.
    void setBudgetBytes(qint64 bytes);
    qint64 budgetBytes() const { return m_budgetBytes; }
    /// The bytes all histories hold now.
    qint64 usedBytes() const;

    /// Counts `model` until it is removed or destroyed.
    void addHistory(MessageTableModel *model);
    void removeHistory(MessageTableModel *model);
    int historyCount() const { return int(m_histories.size()); }
    /// Messages the budget took from `model` since it was added.
    quint64 trimmedMessages(const MessageTableModel *model) const;
    /// Messages the budget took from every history.
    quint64 trimmedMessages() const { return m_trimmedTotal; }

public slots:
    /// Trims when the histories hold more than the budget (called whenever one fills).
    void enforce();

signals:
    /// The budget took the oldest `messages` of `model` (once per history until usage fell
    /// back below RearmShare of the budget).
    void historyTrimmed(allium::MessageTableModel *model, quint64 messages);
    /// The budget or the number of histories changed.
    void budgetChanged();

private:
    struct History
    {
        quint64 trimmed = 0;
        bool told = false;
    };

    QHash<MessageTableModel *, History> m_histories;
    qint64 m_budgetBytes = DefaultBudgetBytes;
    quint64 m_trimmedTotal = 0;
    bool m_enforcing = false;
};

} // namespace allium
