// SPDX-License-Identifier: MIT
#include "core/workspace/historybudget.h"

#include "core/table/messagetablemodel.h"

#include <algorithm>
#include <vector>

namespace allium {

namespace {

// The level L that the largest histories are cut down to so that the total fits `budget`:
// sum(min(size, L)) == budget, found over the sizes sorted largest first.
qint64 trimLevel(std::vector<qint64> sizes, qint64 budget)
{
    std::sort(sizes.begin(), sizes.end(), std::greater<>());
    qint64 rest = 0;
    for (qint64 size : sizes)
        rest += size;
    for (std::size_t k = 1; k <= sizes.size(); ++k) {
        rest -= sizes[k - 1]; // what the histories below the k largest hold
        const qint64 level = std::max<qint64>(0, (budget - rest) / qint64(k));
        if (k == sizes.size() || level >= sizes[k])
            return level;
    }
    return 0;
}

} // namespace

HistoryBudget::HistoryBudget(QObject *parent)
    : QObject(parent)
{}

void HistoryBudget::setBudgetBytes(qint64 bytes)
{
    bytes = std::max<qint64>(1, bytes);
    if (bytes == m_budgetBytes)
        return;
    m_budgetBytes = bytes;
    emit budgetChanged();
    enforce();
}

qint64 HistoryBudget::usedBytes() const
{
    qint64 used = 0;
    for (auto it = m_histories.cbegin(); it != m_histories.cend(); ++it)
        used += it.key()->bytes();
    return used;
}

void HistoryBudget::addHistory(MessageTableModel *model)
{
    if (!model || m_histories.contains(model))
        return;
    m_histories.insert(model, History{});
    connect(model, &MessageTableModel::fillChanged, this, &HistoryBudget::enforce);
    connect(model, &QObject::destroyed, this, [this, model] {
        m_histories.remove(model);
        emit budgetChanged();
    });
    emit budgetChanged();
    enforce();
}

void HistoryBudget::removeHistory(MessageTableModel *model)
{
    if (m_histories.remove(model) == 0)
        return;
    disconnect(model, nullptr, this, nullptr);
    emit budgetChanged();
}

quint64 HistoryBudget::trimmedMessages(const MessageTableModel *model) const
{
    const auto it = m_histories.constFind(const_cast<MessageTableModel *>(model));
    return it == m_histories.cend() ? 0 : it->trimmed;
}

void HistoryBudget::enforce()
{
    if (m_enforcing) // a trim below reports a new fill
        return;
    const qint64 used = usedBytes();
    if (used < qint64(double(m_budgetBytes) * RearmShare)) {
        for (History &history : m_histories)
            history.told = false;
    }
    if (used <= m_budgetBytes)
        return;

    m_enforcing = true;
    std::vector<qint64> sizes;
    sizes.reserve(std::size_t(m_histories.size()));
    for (auto it = m_histories.cbegin(); it != m_histories.cend(); ++it)
        sizes.push_back(it.key()->bytes());
    const qint64 level = trimLevel(std::move(sizes), m_budgetBytes);
    QList<QPair<MessageTableModel *, quint64>>
        notices; // told after the loop: a slot may remove histories
    for (auto it = m_histories.begin(); it != m_histories.end(); ++it) {
        if (it.key()->bytes() <= level)
            continue;
        const int trimmed = it.key()->trimToBytes(level);
        if (trimmed <= 0)
            continue;
        it->trimmed += quint64(trimmed);
        m_trimmedTotal += quint64(trimmed);
        if (!it->told) {
            it->told = true;
            notices.append({it.key(), quint64(trimmed)});
        }
    }
    m_enforcing = false;
    for (const auto &[model, messages] : notices)
        emit historyTrimmed(model, messages);
}

} // namespace allium
