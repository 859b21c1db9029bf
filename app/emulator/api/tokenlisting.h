// SPDX-License-Identifier: MIT
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QMutex>
#include <QPair>
#include <QString>

#include <memory>
#include <vector>

namespace allium {

/// The rows of the tokens listing of one seed, per chain in SyntheticTokens::chains() order,
/// and the sorted orders requests asked for so far.
class TokenListing
{
public:
    struct Row
    {
        QJsonObject object;
        QString text; ///< compact JSON of object
        double volume = 0;
        double tradeCount = 0;
        double fdv = 0;
        QString address;
        QString name;
    };

    explicit TokenListing(quint64 seed);

    /// The listing of `seed`, built once and shared by every request of that seed.
    static std::shared_ptr<const TokenListing> forSeed(quint64 seed);

    const Row &row(qsizetype index) const { return m_rows[size_t(index)]; }

    /// Indexes of rows: `chain`'s rows (all when empty) stably sorted by `sort` (volume,
    /// trade_count, fully_diluted_valuation, address or name) and `ascending`.
    std::shared_ptr<const std::vector<qsizetype>> order(const QString &chain, const QString &sort,
                                                        bool ascending) const;

private:
    std::vector<Row> m_rows;
    QHash<QString, QPair<qsizetype, qsizetype>> m_chainRange; ///< [begin, end) in m_rows
    mutable QMutex m_mutex;
    mutable QHash<QString, std::shared_ptr<const std::vector<qsizetype>>> m_orders;
};

} // namespace allium
